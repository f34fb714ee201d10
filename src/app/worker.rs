//! Extraction off the drawing thread: the first frame never waits for facts. The story being
//! read is extracted first; the rest of the library follows in the background.

use std::collections::{HashSet, VecDeque};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

use crate::article::{Library, StoryRef};
use crate::extract::{extract_story, Facts};

pub struct Worker {
    queue: Arc<(Mutex<Queue>, Condvar)>,
    pub results: Receiver<(StoryRef, Facts)>,
}

#[derive(Default)]
struct Queue {
    pending: VecDeque<StoryRef>,
    done: HashSet<StoryRef>,
    stop: bool,
}

impl Worker {
    /// Starts extracting every story of the library, in library order.
    pub fn start(library: Arc<Library>) -> Worker {
        let queue = Arc::new((
            Mutex::new(Queue { pending: library.order.iter().copied().collect(), ..Queue::default() }),
            Condvar::new(),
        ));
        let (send, results) = channel();
        let shared = Arc::clone(&queue);
        thread::spawn(move || run(library, shared, send));
        Worker { queue, results }
    }

    /// Puts a story at the head of the queue (the one the user just opened).
    pub fn prioritize(&self, story: StoryRef) {
        let (lock, wake) = &*self.queue;
        if let Ok(mut q) = lock.lock() {
            if !q.done.contains(&story) {
                q.pending.push_front(story);
                wake.notify_one();
            }
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let (lock, wake) = &*self.queue;
        if let Ok(mut q) = lock.lock() {
            q.stop = true;
            wake.notify_one();
        }
    }
}

fn run(library: Arc<Library>, queue: Arc<(Mutex<Queue>, Condvar)>, send: Sender<(StoryRef, Facts)>) {
    let mut known_people: Vec<String> = Vec::new();
    loop {
        let next = {
            let (lock, wake) = &*queue;
            let Ok(mut q) = lock.lock() else { return };
            loop {
                if q.stop {
                    return;
                }
                match q.pending.pop_front() {
                    Some(s) if q.done.contains(&s) || s.article >= library.articles.len() => continue,
                    Some(s) => {
                        q.done.insert(s);
                        break s;
                    }
                    None => match wake.wait(q) {
                        Ok(guard) => q = guard,
                        Err(_) => return,
                    },
                }
            }
        };
        let facts = extract_story(library.story(next), &known_people);
        for p in facts.people.iter().filter(|p| p.role.is_some()) {
            if !known_people.contains(&p.name) {
                known_people.push(p.name.clone());
            }
        }
        if send.send((next, facts)).is_err() {
            return;
        }
    }
}
