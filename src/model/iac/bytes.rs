//! A file read a byte at a time, with a few bytes of lookahead and the line number: what the
//! three scanners share. Memory is one buffer whatever the file's size, so a 100 MB
//! template or a file of one 100 MB line is read within it (issue 21).

use std::io::{self, Read};

/// The buffer: large enough that reads are few.
const BUFFER: usize = 64 * 1024;

/// The longest text a scanner keeps of one string; the rest is read and dropped. Types,
/// module paths and kinds are far shorter.
pub const MAX_TEXT: usize = 2048;

pub struct Bytes<R> {
    src: R,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    eof: bool,
    /// The line of the next byte, from 1.
    pub line: u32,
    /// A read that failed ends the input; the scanner reports it.
    pub error: Option<io::Error>,
}

impl<R: Read> Bytes<R> {
    pub fn new(src: R) -> Bytes<R> {
        Bytes {
            src,
            buf: vec![0; BUFFER].into_boxed_slice(),
            pos: 0,
            end: 0,
            eof: false,
            line: 1,
            error: None,
        }
    }

    /// Makes at least `need` bytes available when the input holds them.
    fn fill(&mut self, need: usize) {
        while self.end - self.pos < need && !self.eof {
            if self.pos > 0 {
                self.buf.copy_within(self.pos..self.end, 0);
                self.end -= self.pos;
                self.pos = 0;
            }
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.error = Some(e);
                    self.eof = true;
                }
            }
        }
    }

    /// The byte `k` places ahead, without taking it.
    pub fn peek_at(&mut self, k: usize) -> Option<u8> {
        self.fill(k + 1);
        (self.pos + k < self.end).then(|| self.buf[self.pos + k])
    }

    pub fn peek(&mut self) -> Option<u8> {
        self.peek_at(0)
    }

    /// Takes the next byte.
    pub fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        if b == b'\n' {
            self.line = self.line.saturating_add(1);
        }
        Some(b)
    }

    /// Whether the next bytes are `s`.
    pub fn at(&mut self, s: &[u8]) -> bool {
        self.fill(s.len());
        self.end - self.pos >= s.len() && &self.buf[self.pos..self.pos + s.len()] == s
    }

    /// Takes `n` bytes.
    pub fn skip(&mut self, n: usize) {
        for _ in 0..n {
            self.next();
        }
    }

    /// Takes bytes up to the end of the line (the `\n` stays).
    pub fn skip_line(&mut self) {
        while let Some(b) = self.peek() {
            if b == b'\n' {
                return;
            }
            self.pos += 1;
        }
    }
}

/// Text kept within [`MAX_TEXT`] bytes, shown with invalid UTF-8 replaced.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Text {
    bytes: Vec<u8>,
    /// More was read than kept.
    pub cut: bool,
}

impl Text {
    pub fn push(&mut self, b: u8) {
        if self.bytes.len() < MAX_TEXT {
            self.bytes.push(b);
        } else {
            self.cut = true;
        }
    }

    pub fn string(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// An identifier's bytes: letters, digits, `_`, and `-` where the language allows it.
pub fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookahead_crosses_buffer_refills_and_lines_count() {
        // A reader giving one byte a read makes every lookahead a refill.
        struct Trickle(Vec<u8>, usize);
        impl Read for Trickle {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.1 >= self.0.len() || buf.is_empty() {
                    return Ok(0);
                }
                buf[0] = self.0[self.1];
                self.1 += 1;
                Ok(1)
            }
        }
        let mut b = Bytes::new(Trickle(b"ab\n'''x\n".to_vec(), 0));
        assert_eq!(b.peek_at(1), Some(b'b'));
        assert_eq!(b.next(), Some(b'a'));
        b.skip(2);
        assert_eq!(b.line, 2);
        assert!(b.at(b"'''"));
        b.skip_line();
        assert_eq!(b.next(), Some(b'\n'));
        assert_eq!(b.next(), None);
        assert_eq!(b.line, 3);
    }
}
