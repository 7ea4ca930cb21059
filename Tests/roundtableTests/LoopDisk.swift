import Foundation

/// An ext4 file system in an image file on a loop device, mounted with `errors=remount-ro`, whose failure a test can
/// force (`trigger_fs_error`, as an I/O error would) and then repair (`e2fsck`) and mount again, as an operator does
/// after a machine's failure. Needs root; detached and removed when released.
final class LoopDisk {
    let image: String
    let mountPoint: String
    private(set) var device = ""

    /// Makes the image, formats it and mounts it.
    /// - Throws: ``NodeProcessError`` saying what is missing when loop devices, root or the ext4 tools are not there.
    init(directory: String, megabytes: Int = 256) throws {
        guard getuid() == 0 else { throw NodeProcessError("the disk-failure test mounts a loop device and must run as root") }
        image = directory + "/disk.img"
        mountPoint = directory + "/mnt"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try Tool.run("truncate", ["-s", "\(megabytes)M", image])
        try Tool.run("mkfs.ext4", ["-q", "-F", image])
        device = try Tool.run("losetup", ["--find", "--show", image]).trimmingCharacters(in: .whitespacesAndNewlines)
        try mount()
    }

    /// The file system's error trigger in sysfs.
    var errorTrigger: String { "/sys/fs/ext4/\(URL(fileURLWithPath: device).lastPathComponent)/trigger_fs_error" }

    /// Forces a file-system error: ext4 aborts its journal and remounts read-only; what was not on stable storage is
    /// lost, as on a machine's failure.
    func fail() throws {
        guard FileManager.default.fileExists(atPath: errorTrigger) else { throw NodeProcessError("\(errorTrigger) does not exist on this kernel") }
        try Data("1\n".utf8).write(to: URL(fileURLWithPath: errorTrigger))
    }

    /// The file that ``fill()`` writes.
    var filler: String { mountPoint + "/filler" }

    /// Fills the file system to its last block with one file, as a disk fills up: writes until `ENOSPC` in ever
    /// smaller pieces, syncs, and does it again until nothing more fits (a sync can give back blocks the file system
    /// had reserved).
    func fill() throws {
        let descriptor = open(filler, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { throw NodeProcessError("cannot create \(filler): errno \(errno)") }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0xA5, count: 1 << 20)
        var pass = 0
        repeat {
            pass = 0
            var size = block.count
            while size > 0 {
                let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress, size) }
                if written > 0 {
                    pass += written
                } else if errno == ENOSPC || errno == EDQUOT {
                    size /= 2
                } else {
                    throw NodeProcessError("writing \(filler) failed: errno \(errno)")
                }
            }
            _ = fsync(descriptor)
        } while pass > 0
    }

    /// Removes what ``fill()`` wrote.
    func unfill() throws {
        try FileManager.default.removeItem(atPath: filler)
    }

    /// Unmounts, repairs with `e2fsck -fy` and mounts again, read-write.
    /// - Returns: What `e2fsck` printed.
    @discardableResult
    func repairAndRemount() throws -> String {
        try Tool.run("umount", [mountPoint])
        let (status, output) = try Tool.status("e2fsck", ["-f", "-y", device])
        // 0: clean; 1 and 2: errors corrected. 4 and more: errors left, or e2fsck failed.
        guard status < 4 else { throw NodeProcessError("e2fsck exited \(status): \(output)") }
        try mount()
        return output
    }

    private func mount() throws {
        try Tool.run("mount", ["-t", "ext4", "-o", "errors=remount-ro", device, mountPoint])
    }

    deinit {
        // Lazily if a process still holds a file there (a test that failed half-way): the loop device is freed once it ends.
        if (try? Tool.status("umount", [mountPoint]))?.0 != 0 { _ = try? Tool.status("umount", ["-l", mountPoint]) }
        if !device.isEmpty { _ = try? Tool.status("losetup", ["-d", device]) }
        try? FileManager.default.removeItem(atPath: image)
    }
}
