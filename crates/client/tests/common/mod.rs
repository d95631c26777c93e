//! A demo server for a test file: real SQLite, real HTTP on loopback, on a
//! runtime thread of its own that lives as long as the test process.

use helpdesk_server::app::{system_clock, App, Config};
use helpdesk_server::demo::{generate_with, DemoOptions};
use helpdesk_server::store::Store;
use std::sync::Arc;

/// Starts a server filled with `demo` data; its base URL.
pub fn demo_server(demo: DemoOptions) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let dir = tempfile::tempdir().unwrap();
        let app = App::new(Store::open(dir.path()).unwrap(), system_clock(), Config::default()).unwrap();
        generate_with(&app, &demo).unwrap();
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(format!("http://{}", listener.local_addr().unwrap())).unwrap();
            axum::serve(listener, helpdesk_server::http::router(Arc::new(app))).await.unwrap();
        });
        drop(dir);
    });
    rx.recv().unwrap()
}
