//! Reading files guidegraph did not write, or that someone else could have replaced: the
//! metadata of a corpus (`toc.yml`, `index.yml`), a fetch record, an index's `CURRENT` and
//! manifest. Each is read only when it is a regular file, never past a size bound, and
//! without blocking: a link to `/dev/zero` must not fill memory and a FIFO must not hang
//! the command (issue 17).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Whether the last component of the path may be a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Read what the link points to (an article the walk already decided to follow).
    Follow,
    /// A link is refused: the file is metadata of a folder, and a link would make it
    /// another file's (`toc.yml -> /dev/zero`, `.guidegraph-fetch.json -> ~/.bashrc`).
    Refuse,
}

/// Opens `path` for reading without blocking on a FIFO or a device, and checks that what
/// was opened is a regular file.
pub fn open(path: &Path, links: Links) -> io::Result<File> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK;
        if links == Links::Refuse {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    #[cfg(not(unix))]
    if links == Links::Refuse && std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(link_refused());
    }
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if links == Links::Refuse && e.raw_os_error() == Some(libc::ELOOP) {
            return link_refused();
        }
        e
    })?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file; not read",
        ));
    }
    Ok(file)
}

fn link_refused() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "a symbolic link; not followed")
}

/// A regular file's bytes when it holds at most `max`; an error naming the limit otherwise.
/// Reads at most `max + 1` bytes whatever the file claims.
pub fn read(path: &Path, max: u64, links: Links) -> io::Result<Vec<u8>> {
    read_at_most(open(path, links)?, max)
}

/// At most `max` bytes of whatever `path` is, a pipe included (`run <(…)`, `run
/// /dev/stdin`): for input the user names, where only the size is bounded.
pub fn read_stream(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    read_at_most(File::open(path)?, max)
}

/// Everything `from` gives up to `max` bytes; more is an error, read no further than
/// one byte past the limit.
fn read_at_most(from: impl Read, max: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    from.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("larger than the {max} byte limit"),
        ));
    }
    Ok(bytes)
}

/// [`read`] as text (invalid UTF-8 is an error, as with `fs::read_to_string`).
pub fn read_to_string(path: &Path, max: u64, links: Links) -> io::Result<String> {
    String::from_utf8(read(path, max, links)?)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_devices_and_large_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yml");
        std::fs::write(&file, "title: x\n").unwrap();
        assert_eq!(read(&file, 100, Links::Refuse).unwrap(), b"title: x\n");
        assert!(read(&file, 4, Links::Refuse).is_err());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.yml");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert!(read(&link, 100, Links::Follow).is_ok());
            let e = read(&link, 100, Links::Refuse).unwrap_err();
            assert!(e.to_string().contains("symbolic link"), "{e}");
            let e = read(Path::new("/dev/zero"), 100, Links::Follow).unwrap_err();
            assert!(e.to_string().contains("regular"), "{e}");
        }
    }
}
