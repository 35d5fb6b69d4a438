//! A minimal HTTP/1.1 client for loopback addresses only: what the tests
//! (the API, chromedriver's WebDriver endpoint) and the load benchmark
//! need, without an HTTP client stack. It refuses any address that is not
//! on this machine.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};

/// An answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

fn bad(m: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, m.into())
}

/// A kept-alive connection.
pub struct Conn {
    addr: SocketAddr,
    stream: BufReader<TcpStream>,
}

impl Conn {
    /// Connects to `addr`, which must be a loopback address.
    pub fn open(addr: SocketAddr) -> std::io::Result<Conn> {
        if !addr.ip().is_loopback() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("{addr}: this client talks to loopback addresses only"),
            ));
        }
        let s = TcpStream::connect(addr)?;
        s.set_nodelay(true)?;
        Ok(Conn { addr, stream: BufReader::new(s) })
    }

    /// Sends one request and reads its answer; the connection stays open
    /// unless the server closes it.
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> std::io::Result<Response> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.addr);
        if let Some(t) = content_type {
            head.push_str(&format!("Content-Type: {t}\r\n"));
        }
        if !body.is_empty() || method == "POST" || method == "DELETE" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let s = self.stream.get_mut();
        s.write_all(head.as_bytes())?;
        s.write_all(body)?;
        s.flush()?;
        self.read_response(method == "HEAD")
    }

    fn read_line(&mut self) -> std::io::Result<String> {
        let mut line = String::new();
        if self.stream.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed"));
        }
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }

    fn read_response(&mut self, head_only: bool) -> std::io::Result<Response> {
        let status_line = self.read_line()?;
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad(format!("bad status line {status_line:?}")))?;
        let mut headers = Vec::new();
        loop {
            let l = self.read_line()?;
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let get = |name: &str| {
            headers.iter().find(|(k, _): &&(String, String)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
        };
        let mut body = Vec::new();
        if head_only || status == 204 || status == 304 {
        } else if get("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
            loop {
                let size_line = self.read_line()?;
                let size = usize::from_str_radix(size_line.split(';').next().unwrap_or("").trim(), 16)
                    .map_err(|_| bad(format!("bad chunk size {size_line:?}")))?;
                if size == 0 {
                    // Trailers, then the blank line.
                    while !self.read_line()?.is_empty() {}
                    break;
                }
                let at = body.len();
                body.resize(at + size, 0);
                self.stream.read_exact(&mut body[at..])?;
                self.read_line()?;
            }
        } else if let Some(n) = get("content-length") {
            let n: usize = n.parse().map_err(|_| bad("bad content-length"))?;
            body.resize(n, 0);
            self.stream.read_exact(&mut body)?;
        } else {
            self.stream.read_to_end(&mut body)?;
        }
        Ok(Response { status, headers, body })
    }
}

/// One `GET` on a fresh connection.
pub fn get(addr: SocketAddr, path: &str) -> std::io::Result<Response> {
    Conn::open(addr)?.send("GET", path, None, &[])
}

/// One `POST` on a fresh connection.
pub fn post(addr: SocketAddr, path: &str, content_type: &str, body: &[u8]) -> std::io::Result<Response> {
    Conn::open(addr)?.send("POST", path, Some(content_type), body)
}

/// One request of any method with a JSON body (WebDriver).
pub fn json(addr: SocketAddr, method: &str, path: &str, body: Option<&serde_json::Value>) -> std::io::Result<Response> {
    let b = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    Conn::open(addr)?.send(method, path, body.map(|_| "application/json"), &b)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_loopback_addresses() {
        let e = super::Conn::open("192.0.2.1:80".parse().unwrap()).err().unwrap();
        assert_eq!(e.kind(), std::io::ErrorKind::PermissionDenied);
    }
}
