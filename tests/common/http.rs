//! A small HTTP/1.1 server on 127.0.0.1 for the feed tests: routes are closures, every
//! request is logged (path and headers) so tests can assert what the client asked, and every
//! connection ends by itself within a bounded time.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
    /// The status the route answered with (0 for none).
    pub status: u16,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What a route does with a connection: answer (status, headers, body), or take the stream
/// and misbehave.
pub enum Reply {
    Full(u16, Vec<(String, String)>, Vec<u8>),
    Raw(Box<dyn FnOnce(&mut TcpStream) + Send>),
}

pub type Route = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

pub struct Server {
    pub base: String,
    pub log: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Serves `route` until dropped (and never longer than `lifetime`).
    pub fn start(route: impl Fn(&Request) -> Reply + Send + Sync + 'static, lifetime: Duration) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let route: Route = Arc::new(route);
        let (log2, stop2) = (Arc::clone(&log), Arc::clone(&stop));
        std::thread::spawn(move || {
            let end = Instant::now() + lifetime;
            while !stop2.load(Ordering::Relaxed) && Instant::now() < end {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (route, log, stop) = (Arc::clone(&route), Arc::clone(&log2), Arc::clone(&stop2));
                        std::thread::spawn(move || serve(stream, route, log, stop));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { base, log, stop }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn requests(&self, path: &str) -> Vec<Request> {
        self.log.lock().unwrap().iter().filter(|r| r.path == path).cloned().collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(mut stream: TcpStream, route: Route, log: Arc<Mutex<Vec<Request>>>, stop: Arc<AtomicBool>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    // a TLS handshake on this plain server is answered as plain servers do: 400, in clear text
    let mut first = [0u8; 1];
    if stream.peek(&mut first).is_ok_and(|n| n == 1) && first[0] == 0x16 {
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }
    let Ok(clone) = stream.try_clone() else { return };
    let mut reader = BufReader::new(clone);
    // keep-alive: several requests on one connection, each answered in turn
    for _ in 0..100 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || stop.load(Ordering::Relaxed) {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let mut request = Request { path, headers, status: 0 };
        match route(&request) {
            Reply::Full(status, headers, body) => {
                request.status = status;
                log.lock().unwrap().push(request);
                let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
                for (k, v) in headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                if stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&body)).is_err() {
                    return;
                }
            }
            Reply::Raw(f) => {
                log.lock().unwrap().push(request);
                f(&mut stream);
                return;
            }
        }
    }
}

pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
    Reply::Full(200, vec![("Content-Type".into(), content_type.into())], body.into())
}

pub fn status(code: u16) -> Reply {
    Reply::Full(code, vec![("Content-Type".into(), "text/plain".into())], format!("status {code}").into_bytes())
}

pub fn redirect(to: &str) -> Reply {
    Reply::Full(301, vec![("Location".into(), to.into())], Vec::new())
}
