fn main() -> std::process::ExitCode {
    helpdesk_server::cli::main()
}
