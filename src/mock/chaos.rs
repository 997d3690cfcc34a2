//! `--chaos`: a random fault for each connection, from a seed so a run can be replayed.

/// What one connection will suffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Refuse the token at once (never twice in a row, which would be a real rejection).
    Reject,
    /// Close with this code after `after` events.
    Close { after: u64, code: u16 },
    /// Drop the TCP connection without a close frame after `after` events.
    Reset { after: u64 },
    /// Stop answering after `after` events.
    Silent { after: u64 },
    /// Stay up for the healthy duration, then close normally.
    Healthy,
}

/// Every this many connections, one is healthy, so backoff resets are exercised too.
const HEALTHY_EVERY: u64 = 10;

/// Draws faults.
#[derive(Debug)]
pub struct Chaos {
    rng: fastrand::Rng,
    connections: u64,
    last_rejected: bool,
}

impl Chaos {
    pub fn new(seed: u64) -> Self {
        Self {
            rng: fastrand::Rng::with_seed(seed),
            connections: 0,
            last_rejected: false,
        }
    }

    /// The fault for the next connection.
    pub fn next_fault(&mut self) -> Fault {
        self.connections += 1;
        if self.connections.is_multiple_of(HEALTHY_EVERY) {
            self.last_rejected = false;
            return Fault::Healthy;
        }

        let after = self.rng.u64(1..=3);
        let fault = match self.rng.u8(0..9) {
            0 if !self.last_rejected => Fault::Reject,
            0 | 1 => Fault::Close { after, code: 1000 },
            2 => Fault::Close { after, code: 1001 },
            3 => Fault::Close { after, code: 1008 },
            4 => Fault::Close { after, code: 1011 },
            5 | 6 => Fault::Reset { after },
            _ => Fault::Silent { after },
        };
        self.last_rejected = fault == Fault::Reject;
        fault
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_mixed_and_never_two_rejections_in_a_row() {
        let mut chaos = Chaos::new(7);
        let faults: Vec<Fault> = (0..1000).map(|_| chaos.next_fault()).collect();

        assert!(
            faults
                .windows(2)
                .all(|w| !(w[0] == Fault::Reject && w[1] == Fault::Reject))
        );
        assert_eq!(faults.iter().filter(|f| **f == Fault::Healthy).count(), 100);
        for kind in [
            |f: &Fault| matches!(f, Fault::Reject),
            |f: &Fault| matches!(f, Fault::Close { .. }),
            |f: &Fault| matches!(f, Fault::Reset { .. }),
            |f: &Fault| matches!(f, Fault::Silent { .. }),
        ] {
            assert!(faults.iter().any(kind));
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_run() {
        let (mut a, mut b) = (Chaos::new(3), Chaos::new(3));
        assert!((0..100).all(|_| a.next_fault() == b.next_fault()));
    }
}
