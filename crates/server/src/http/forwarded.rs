//! Who a request comes from when it came through proxies the administrator
//! trusts (`serve --trusted-proxy`): sign-in throttling counts per client
//! address, and behind a load balancer every peer is the balancer.
//!
//! The address is the peer's, unless the peer is a trusted proxy: then it
//! is the right-most address of `X-Forwarded-For` that is not a trusted
//! proxy (each proxy appends the address it was reached from, so entries
//! to the left of what a trusted proxy appended are the client's own word
//! and are not believed). Without trusted proxies the header is ignored.

use std::net::IpAddr;
use std::str::FromStr;

/// One trusted proxy, or a range of them: `10.1.2.3`, `10.0.0.0/8`, `fd00::/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxyRange {
    network: IpAddr,
    bits: u8,
}

impl ProxyRange {
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => prefix_matches(&net.octets(), &ip.octets(), self.bits),
            (IpAddr::V6(net), IpAddr::V6(ip)) => prefix_matches(&net.octets(), &ip.octets(), self.bits),
            _ => false,
        }
    }
}

impl FromStr for ProxyRange {
    type Err = String;

    fn from_str(text: &str) -> Result<ProxyRange, String> {
        let wrong = || format!("`{text}` is not an IP address or a range like 10.0.0.0/8 or fd00::/8");
        let (address, bits) = match text.trim().split_once('/') {
            Some((address, bits)) => (address, Some(bits.parse::<u8>().map_err(|_| wrong())?)),
            None => (text.trim(), None),
        };
        let network = canonical(address.parse::<IpAddr>().map_err(|_| wrong())?);
        let most = if network.is_ipv4() { 32 } else { 128 };
        let bits = bits.unwrap_or(most);
        if bits > most {
            return Err(wrong());
        }
        Ok(ProxyRange { network, bits })
    }
}

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(pub Vec<ProxyRange>);

impl TrustedProxies {
    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|range| range.contains(ip))
    }

    /// The client's address of a request from `peer` with these
    /// `X-Forwarded-For` header values (in the order they came).
    pub fn client_of<'a>(&self, peer: IpAddr, forwarded_for: impl DoubleEndedIterator<Item = &'a str>) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        for entry in forwarded_for.rev().flat_map(|value| value.rsplit(',')) {
            let Some(ip) = parse_entry(entry) else { return client };
            client = canonical(ip);
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// An address as `X-Forwarded-For` writes it: `203.0.113.7`, `2001:db8::1`,
/// `[2001:db8::1]:4711`, `203.0.113.7:4711`.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = entry.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    entry
        .rsplit_once(':')
        .and_then(|(ip, port)| port.parse::<u16>().ok().and(ip.parse::<std::net::Ipv4Addr>().ok()).map(IpAddr::V4))
}

/// IPv4 as itself also when written as IPv6 (`::ffff:10.0.0.1`, what a
/// dual-stack listener reports).
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn prefix_matches(network: &[u8], ip: &[u8], bits: u8) -> bool {
    let whole = usize::from(bits / 8);
    if network[..whole] != ip[..whole] {
        return false;
    }
    let rest = bits % 8;
    rest == 0 || (network[whole] ^ ip[whole]) & (0xffu8 << (8 - rest)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(ranges: &[&str]) -> TrustedProxies {
        TrustedProxies(ranges.iter().map(|r| r.parse().unwrap()).collect())
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_not_believed() {
        let none = TrustedProxies::default();
        assert_eq!(none.client_of(ip("198.51.100.1"), ["203.0.113.7"].into_iter()), ip("198.51.100.1"));
        let lb = proxies(&["10.0.0.5"]);
        assert_eq!(
            lb.client_of(ip("198.51.100.1"), ["203.0.113.7"].into_iter()),
            ip("198.51.100.1"),
            "a peer that is not a trusted proxy"
        );
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_address_is_the_clients() {
        let lb = proxies(&["10.0.0.0/8"]);
        assert_eq!(lb.client_of(ip("10.0.0.5"), ["203.0.113.7"].into_iter()), ip("203.0.113.7"));
        // A client that writes its own header cannot choose its address.
        assert_eq!(lb.client_of(ip("10.0.0.5"), ["192.0.2.99, 203.0.113.7"].into_iter()), ip("203.0.113.7"));
        // Two proxies of ours, one header each or one header together.
        assert_eq!(
            lb.client_of(ip("10.0.0.5"), ["192.0.2.99, 203.0.113.7, 10.9.9.9"].into_iter()),
            ip("203.0.113.7")
        );
        assert_eq!(
            lb.client_of(ip("10.0.0.5"), ["192.0.2.99", "203.0.113.7", "10.9.9.9"].into_iter()),
            ip("203.0.113.7")
        );
        // No header: the proxy itself.
        assert_eq!(lb.client_of(ip("10.0.0.5"), std::iter::empty()), ip("10.0.0.5"));
        // Garbage stops the walk at the last address believed.
        assert_eq!(lb.client_of(ip("10.0.0.5"), ["unknown, 10.9.9.9"].into_iter()), ip("10.9.9.9"));
        // Ports, brackets, IPv6, IPv4 written as IPv6.
        assert_eq!(lb.client_of(ip("10.0.0.5"), ["203.0.113.7:4711"].into_iter()), ip("203.0.113.7"));
        assert_eq!(lb.client_of(ip("10.0.0.5"), ["[2001:db8::1]:4711"].into_iter()), ip("2001:db8::1"));
        assert_eq!(lb.client_of(ip("::ffff:10.0.0.5"), ["2001:db8::1"].into_iter()), ip("2001:db8::1"));
    }

    #[test]
    fn ranges_are_read_as_administrators_write_them() {
        assert!(proxies(&["10.0.0.0/8"]).trusts(ip("10.255.1.2")));
        assert!(!proxies(&["10.0.0.0/8"]).trusts(ip("11.0.0.1")));
        assert!(proxies(&["192.168.4.0/22"]).trusts(ip("192.168.7.255")));
        assert!(!proxies(&["192.168.4.0/22"]).trusts(ip("192.168.8.0")));
        assert!(proxies(&["fd00::/8"]).trusts(ip("fd12::1")));
        assert!(proxies(&["127.0.0.1"]).trusts(ip("127.0.0.1")) && !proxies(&["127.0.0.1"]).trusts(ip("127.0.0.2")));
        assert!(proxies(&["0.0.0.0/0"]).trusts(ip("8.8.8.8")));
        for wrong in ["10.0.0.0/33", "lb.example", "10.0.0/8", "::/129", ""] {
            let error = wrong.parse::<ProxyRange>().unwrap_err();
            assert!(error.contains("10.0.0.0/8"), "{error}");
        }
    }
}
