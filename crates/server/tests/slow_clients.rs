//! Connections that hold the server without sending (a "slowloris" on an
//! open network): a request head that never ends and an idle keep-alive
//! connection are closed after the header read timeout (30 s); a body that
//! falls silent for 30 s is answered `408 {code: "timeout"}`; the server
//! serves everyone else meanwhile. Through the real binary on loopback.

mod real_server;

use real_server::{raw_request, RealServer};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Sends `bytes` and reads until the server closes the connection (at most
/// 90 s): what it answered and after how long.
fn send_then_wait_for_close(addr: String, bytes: Vec<u8>) -> std::thread::JoinHandle<(Duration, String)> {
    std::thread::spawn(move || {
        let mut stream = TcpStream::connect(&addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(90))).unwrap();
        stream.write_all(&bytes).unwrap();
        let started = Instant::now();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        (started.elapsed(), String::from_utf8_lossy(&answer).to_string())
    })
}

#[test]
fn connections_that_stop_sending_are_closed_and_everyone_else_is_served() {
    let server = RealServer::start();
    let host = format!("Host: {}", server.addr);
    let unfinished_head = send_then_wait_for_close(server.addr.clone(), format!("GET /api/v1/me HTTP/1.1\r\n{host}\r\nX-Slow: 1").into_bytes());
    let idle_keep_alive = send_then_wait_for_close(server.addr.clone(), format!("GET /api/v1/me HTTP/1.1\r\n{host}\r\n\r\n").into_bytes());
    let silent_body = send_then_wait_for_close(
        server.addr.clone(),
        format!("POST /api/v1/auth/login HTTP/1.1\r\n{host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"username\": ").into_bytes(),
    );

    // Meanwhile the server answers a request that is sent whole.
    std::thread::sleep(Duration::from_secs(2));
    let served = raw_request(&server.addr, &format!("GET /api/v1/me HTTP/1.1\r\n{host}"));
    assert_eq!(served.status, 401, "{:?}", String::from_utf8_lossy(&served.body));

    let in_time = |waited: Duration| waited >= Duration::from_secs(25) && waited <= Duration::from_secs(45);
    let (waited, answer) = unfinished_head.join().unwrap();
    assert!(in_time(waited), "a head that never ends was held {waited:?}: {answer}");
    assert!(!answer.contains("200 OK"), "{answer}");

    let (waited, answer) = idle_keep_alive.join().unwrap();
    assert!(in_time(waited), "an idle keep-alive connection was held {waited:?}");
    assert!(answer.starts_with("HTTP/1.1 401"), "the request itself was answered: {answer}");

    let (waited, answer) = silent_body.join().unwrap();
    assert!(in_time(waited), "a silent body was waited for {waited:?}: {answer}");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("application/json") && answer.contains("\"code\":\"timeout\""), "{answer}");
}
