//! Which reverse proxies may tell us the client's address (`TRUSTED_PROXIES`), and the client
//! address that follows from a request's peer and `X-Forwarded-For` header.
use std::{fmt, net::IpAddr, str::FromStr, sync::Arc};

use ipnet::IpNet;

/// The proxies whose `X-Forwarded-For` entries we believe. Empty (the default): nobody's.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Arc<[IpNet]>);

/// A `TRUSTED_PROXIES` entry that is neither an address nor a CIDR block.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an IP address or CIDR block: {0:?}")]
pub struct BadProxyEntry(pub String);

impl TrustedProxies {
    /// Trusts nobody: the TCP peer is the client.
    pub fn none() -> Self {
        Self::default()
    }

    /// Comma-separated CIDR blocks (`10.0.0.0/8, 127.0.0.1`); a bare address is one host.
    pub fn parse(list: &str) -> Result<Self, BadProxyEntry> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                IpNet::from_str(entry)
                    .or_else(|_| IpAddr::from_str(entry).map(IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| BadProxyEntry(entry.to_owned()))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|nets| Self(nets.into()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client behind `peer`: the peer itself unless it is a trusted proxy; then the
    /// right-most `X-Forwarded-For` hop that is not a trusted proxy. Hops to the left of that
    /// one were written by the client and are ignored. `forwarded` holds the header's values
    /// in the order received.
    pub fn client_of(&self, peer: IpAddr, forwarded: &[&str]) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        let hops = forwarded.iter().flat_map(|value| value.split(','));
        for hop in hops.collect::<Vec<_>>().into_iter().rev() {
            // A hop we cannot read breaks the chain: the last proxy we trust is all we know.
            let Some(ip) = parse_hop(hop) else {
                return client;
            };
            client = ip;
            if !self.trusts(ip) {
                return ip;
            }
        }
        client
    }
}

/// `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:443`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    IpAddr::from_str(hop)
        .ok()
        .or_else(|| std::net::SocketAddr::from_str(hop).ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

impl fmt::Debug for TrustedProxies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(ToString::to_string))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn with_no_trusted_proxy_the_forwarded_header_is_ignored() {
        let none = TrustedProxies::none();
        assert_eq!(
            none.client_of(ip("127.0.0.1"), &["203.0.113.9"]),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse("127.0.0.0/8, 10.0.0.0/8").expect("list");
        // The client typed the first entry itself; the proxy appended the real address.
        assert_eq!(
            proxies.client_of(ip("127.0.0.1"), &["198.51.100.7, 203.0.113.9, 10.1.2.3"]),
            ip("203.0.113.9")
        );
        assert_eq!(
            proxies.client_of(ip("127.0.0.1"), &["198.51.100.7", "203.0.113.9:5000"]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn an_untrusted_peer_cannot_choose_its_address() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").expect("list");
        assert_eq!(
            proxies.client_of(ip("198.51.100.7"), &["10.0.0.1"]),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn an_unreadable_hop_stops_at_the_last_trusted_proxy() {
        let proxies = TrustedProxies::parse("127.0.0.1").expect("list");
        assert_eq!(
            proxies.client_of(ip("127.0.0.1"), &["203.0.113.9, garbage"]),
            ip("127.0.0.1")
        );
        assert_eq!(proxies.client_of(ip("127.0.0.1"), &[]), ip("127.0.0.1"));
    }

    #[test]
    fn mapped_ipv6_peers_match_ipv4_blocks() {
        let proxies = TrustedProxies::parse("127.0.0.0/8").expect("list");
        assert!(proxies.trusts(ip("::ffff:127.0.0.1")));
        assert!(!proxies.trusts(ip("::1")));
    }

    #[test]
    fn a_bad_entry_is_refused_by_name() {
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/8, proxy.local"),
            Err(BadProxyEntry("proxy.local".into()))
        );
        assert!(TrustedProxies::parse(" ").expect("empty").is_empty());
    }
}
