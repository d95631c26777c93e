//! Password hashing and verification, bounded: argon2 needs about 19 MiB a
//! hash, so hashes run on a fixed set of worker threads (one a core), each
//! reusing its own argon2 memory for every hash. A short queue waits in
//! front of them; when it is full the caller is told to come back
//! (`503 Retry-After`) instead of the server allocating without bound.
//! The memory a burst of sign-ins costs is the workers' memory, and it
//! stays the same after the burst.

use crate::error::{AppError, AppResult};
use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::RngCore;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, OnceLock};

/// Jobs that may wait for a worker, per worker.
const QUEUE_PER_WORKER: usize = 16;
/// The largest argon2 memory a stored hash may ask for (64 MiB); a hash
/// needing more is treated as not matching rather than allocated.
const MAX_BLOCKS: usize = 64 * 1024;
/// What a caller turned away is told to wait, in seconds.
pub const RETRY_AFTER_SECONDS: u64 = 1;

enum Task {
    Hash(String),
    Verify { password: String, phc: String },
}

enum Done {
    Hashed(String),
    Verified(bool),
}

struct Job {
    task: Task,
    reply: mpsc::Sender<AppResult<Done>>,
}

/// The workers and their queue. Dropping it ends the workers.
pub struct Passwords {
    queue: SyncSender<Job>,
    workers: usize,
    running: Arc<AtomicUsize>,
    peak_running: Arc<AtomicUsize>,
    verifications: Arc<AtomicUsize>,
    /// A hash of a random password, verified against when the user name is
    /// unknown, so that a sign-in takes as long whether or not it exists.
    dummy: OnceLock<String>,
}

impl Passwords {
    /// One worker a core (at most 8).
    pub fn new() -> Passwords {
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
        Passwords::with_workers(workers)
    }

    pub fn with_workers(workers: usize) -> Passwords {
        let (queue, jobs) = mpsc::sync_channel::<Job>(workers * QUEUE_PER_WORKER);
        let jobs = Arc::new(Mutex::new(jobs));
        let running = Arc::new(AtomicUsize::new(0));
        let peak_running = Arc::new(AtomicUsize::new(0));
        let verifications = Arc::new(AtomicUsize::new(0));
        for i in 0..workers {
            let counters = Counters {
                running: running.clone(),
                peak_running: peak_running.clone(),
                verifications: verifications.clone(),
            };
            let jobs = jobs.clone();
            std::thread::Builder::new()
                .name(format!("password-{i}"))
                .spawn(move || work(&jobs, &counters))
                .expect("a password worker thread");
        }
        Passwords {
            queue,
            workers,
            running,
            peak_running,
            verifications,
            dummy: OnceLock::new(),
        }
    }

    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Password verifications done so far.
    pub fn verifications(&self) -> usize {
        self.verifications.load(Ordering::SeqCst)
    }

    /// Hashes running now.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }

    /// The most hashes that ever ran at once.
    pub fn peak_running(&self) -> usize {
        self.peak_running.load(Ordering::SeqCst)
    }

    fn run(&self, task: Task) -> AppResult<Done> {
        let (reply, answer) = mpsc::channel();
        match self.queue.try_send(Job { task, reply }) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                return Err(AppError::Unavailable {
                    retry_after: RETRY_AFTER_SECONDS,
                })
            }
            Err(TrySendError::Disconnected(_)) => return Err(AppError::Internal("the password workers have stopped".into())),
        }
        answer.recv().map_err(|_| AppError::Internal("a password worker stopped mid-hash".into()))?
    }

    /// A PHC string (argon2id, default parameters, a fresh random salt).
    pub fn hash(&self, password: &str) -> AppResult<String> {
        match self.run(Task::Hash(password.to_string()))? {
            Done::Hashed(h) => Ok(h),
            Done::Verified(_) => Err(AppError::Internal("a password worker answered the wrong question".into())),
        }
    }

    /// Hashes of many passwords, each with its own salt, as many at once
    /// as there are workers (for accounts made in bulk, e.g. demo data).
    pub fn hash_many(&self, passwords: &[&str]) -> AppResult<Vec<String>> {
        let next = AtomicUsize::new(0);
        let mut hashes: Vec<Option<String>> = vec![None; passwords.len()];
        let slots: Vec<Mutex<&mut Option<String>>> = hashes.iter_mut().map(Mutex::new).collect();
        std::thread::scope(|s| {
            let submitters: Vec<_> = (0..self.workers)
                .map(|_| {
                    s.spawn(|| -> AppResult<()> {
                        loop {
                            let i = next.fetch_add(1, Ordering::SeqCst);
                            let Some(password) = passwords.get(i) else { return Ok(()) };
                            let hash = self.hash(password)?;
                            **slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(hash);
                        }
                    })
                })
                .collect();
            submitters
                .into_iter()
                .try_for_each(|h| h.join().unwrap_or_else(|_| Err(AppError::Internal("a hashing thread panicked".into()))))
        })?;
        drop(slots);
        Ok(hashes.into_iter().map(Option::unwrap_or_default).collect())
    }

    /// Whether `password` matches the stored PHC string.
    pub fn verify(&self, password: &str, phc: &str) -> AppResult<bool> {
        let task = Task::Verify {
            password: password.to_string(),
            phc: phc.to_string(),
        };
        match self.run(task)? {
            Done::Verified(ok) => Ok(ok),
            Done::Hashed(_) => Err(AppError::Internal("a password worker answered the wrong question".into())),
        }
    }

    /// Verifies against a hash of nothing anyone knows: the same cost as a
    /// real verification, always `false`.
    pub fn verify_nobody(&self, password: &str) -> AppResult<bool> {
        let dummy = match self.dummy.get() {
            Some(d) => d,
            None => {
                let mut secret = [0u8; 32];
                rand::rng().fill_bytes(&mut secret);
                let hash = self.hash(&hex::encode(secret))?;
                self.dummy.get_or_init(|| hash)
            }
        };
        self.verify(password, dummy).map(|_| false)
    }
}

impl Default for Passwords {
    fn default() -> Self {
        Passwords::new()
    }
}

struct Counters {
    running: Arc<AtomicUsize>,
    peak_running: Arc<AtomicUsize>,
    verifications: Arc<AtomicUsize>,
}

fn work(jobs: &Mutex<Receiver<Job>>, counters: &Counters) {
    let mut memory: Vec<Block> = Vec::new();
    loop {
        let job = match jobs.lock().unwrap_or_else(|p| p.into_inner()).recv() {
            Ok(job) => job,
            Err(_) => return,
        };
        let now_running = counters.running.fetch_add(1, Ordering::SeqCst) + 1;
        counters.peak_running.fetch_max(now_running, Ordering::SeqCst);
        let done = match job.task {
            Task::Hash(password) => hash_with(&mut memory, &password).map(Done::Hashed),
            Task::Verify { password, phc } => {
                counters.verifications.fetch_add(1, Ordering::SeqCst);
                Ok(Done::Verified(verify_with(&mut memory, &password, &phc)))
            }
        };
        counters.running.fetch_sub(1, Ordering::SeqCst);
        let _ = job.reply.send(done);
    }
}

/// The worker's memory, grown to `blocks` once and then reused.
fn blocks(memory: &mut Vec<Block>, blocks: usize) -> &mut [Block] {
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    &mut memory[..blocks]
}

fn hash_with(memory: &mut Vec<Block>, password: &str) -> AppResult<String> {
    let internal = |e: String| AppError::Internal(format!("password hashing failed: {e}"));
    let params = Params::default();
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password.as_bytes(), &salt, &mut out, blocks(memory, params.block_count()))
        .map_err(|e| internal(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| internal(e.to_string()))?;
    let output = argon2::password_hash::Output::new(&out).map_err(|e| internal(e.to_string()))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: (&params).try_into().map_err(|e: argon2::password_hash::Error| internal(e.to_string()))?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

fn verify_with(memory: &mut Vec<Block>, password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else { return false };
    let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (Algorithm::try_from(parsed.algorithm), Params::try_from(&parsed), parsed.salt, parsed.hash)
    else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    if params.block_count() > MAX_BLOCKS {
        tracing::error!("a stored password hash asks for more argon2 memory than allowed; reset that user's password");
        return false;
    }
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else { return false };
    let mut out = vec![0u8; expected.len()];
    let count = params.block_count();
    if Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, blocks(memory, count))
        .is_err()
    {
        return false;
    }
    // `Output`'s equality is constant-time.
    argon2::password_hash::Output::new(&out).is_ok_and(|computed| computed == expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::PasswordVerifier;

    #[test]
    fn a_hash_verifies_with_its_password_only() {
        let passwords = Passwords::with_workers(1);
        let hash = passwords.hash("correct horse").unwrap();
        assert!(passwords.verify("correct horse", &hash).unwrap());
        assert!(!passwords.verify("correct horsf", &hash).unwrap());
        assert!(!passwords.verify("correct horse", "not a hash").unwrap());
    }

    #[test]
    fn hashes_are_standard_phc_strings_with_their_own_salt() {
        let passwords = Passwords::with_workers(1);
        let a = passwords.hash("same password").unwrap();
        let b = passwords.hash("same password").unwrap();
        assert_ne!(a, b, "every hash has its own salt");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        // Any argon2 implementation verifies them, and ours verifies theirs.
        let parsed = PasswordHash::new(&a).unwrap();
        assert!(Argon2::default().verify_password(b"same password", &parsed).is_ok());
        let salt = SaltString::encode_b64(b"sixteen byte slt").unwrap();
        let theirs = argon2::PasswordHasher::hash_password(&Argon2::default(), b"legacy password", &salt)
            .unwrap()
            .to_string();
        assert!(passwords.verify("legacy password", &theirs).unwrap());
    }

    #[test]
    fn unknown_names_cost_a_verification_and_never_match() {
        let passwords = Passwords::with_workers(1);
        assert!(!passwords.verify_nobody("anything").unwrap());
        assert!(passwords.dummy.get().is_some());
    }

    #[test]
    fn a_full_queue_answers_busy_instead_of_waiting_without_bound() {
        let passwords = Arc::new(Passwords::with_workers(1));
        let capacity = QUEUE_PER_WORKER;
        let outcomes: Vec<AppResult<String>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..capacity + 20).map(|_| s.spawn(|| passwords.hash("p"))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let busy = outcomes.iter().filter(|o| matches!(o, Err(AppError::Unavailable { .. }))).count();
        assert!(busy >= 1, "some of {} parallel hashes on one worker are turned away", capacity + 20);
        assert!(outcomes.iter().all(|o| o.is_ok() || matches!(o, Err(AppError::Unavailable { .. }))));
        assert_eq!(passwords.peak_running(), 1);
    }
}
