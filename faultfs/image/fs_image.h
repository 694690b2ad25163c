// FsImage: a file-system tree in memory, by inode. SimFileSystem runs on one; every crash state
// is materialised into one.
//
// Nodes are shared copy-on-write, so copying an image (one per crash state) costs a vector of
// pointers, and only the files a state changes are copied. Mutations are total: an entry
// operation that no longer matches the image (because an earlier operation of the trace did not
// persist in this crash state) changes nothing, instead of failing.
//
// A file keeps the bytes written to it even past its size: they stay invisible until the size
// grows over them, as when a write's data persisted but its size change did not and a later size
// change did. Truncation drops them (the blocks are freed). Not modelled: attributes other than
// size, symlinks, holes (an unwritten range reads as zeros).
//
// Not thread-safe; distinct images may be used from distinct threads (shared nodes are never
// written in place).
#ifndef POWERCUT_FAULTFS_IMAGE_FS_IMAGE_H_
#define POWERCUT_FAULTFS_IMAGE_FS_IMAGE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faultfs/fs/file_system.h"
#include "faultfs/image/cow_ptr.h"
#include "faultfs/trace/event.h"

namespace powercut {

using trace::InodeId;

class FsImage {
 public:
  struct Node {
    bool is_dir = false;
    uint64_t size = 0;  // files: the visible length
    std::string bytes;  // files: written bytes, may run past `size`
    std::map<std::string, InodeId, std::less<>> entries;  // directories (lookup by string_view)
  };

  FsImage();  // an empty root directory, inode trace::kRootInode

  // ---- Mutations (total; see the header comment) ----
  void CreateFile(InodeId dir, std::string_view name, InodeId inode);
  void MakeDir(InodeId dir, std::string_view name, InodeId inode);
  void Write(InodeId inode, uint64_t offset, std::string_view data);
  void WriteZeros(InodeId inode, uint64_t offset, uint64_t length);
  void Truncate(InodeId inode, uint64_t size);    // size = exactly `size`
  void ExtendSize(InodeId inode, uint64_t size);  // size = max(size, `size`)
  // Moves the entry if it still refers to `inode`; the target entry is set either way (the
  // rename's journal record holds the inode, which exists, empty, if its creation was lost).
  void Rename(InodeId dir, std::string_view name, InodeId dir2, std::string_view name2,
              InodeId inode, bool is_dir);
  void Unlink(InodeId dir, std::string_view name, InodeId inode);  // if it refers to `inode`
  void Link(InodeId inode, InodeId dir2, std::string_view name2);  // a file
  void Rmdir(InodeId dir, std::string_view name, InodeId inode);   // if it refers to `inode`

  // ---- Queries ----
  const Node* Find(InodeId inode) const;
  // The inode of an entry; nullopt when absent (or naming an inode that does not exist).
  std::optional<InodeId> Lookup(InodeId dir, std::string_view name) const;
  // "a/b/c" (relative to the root; "." or "" is the root itself).
  std::optional<InodeId> Resolve(std::string_view path) const;
  // The visible bytes of a file (`size` long, zero-padded past what was written).
  std::string Contents(InodeId inode) const;
  // XXH3 of the visible tree: names, kinds and contents reachable from the root. Two images
  // with equal hashes look the same to any program (up to hash collisions).
  uint64_t ContentHash() const;
  // The visible tree as text, one line per entry: "d wal/", "f wal/MANIFEST 48 <hash>".
  std::string Describe() const;
  // Creates the visible tree inside the existing, empty directory `dir` of `fs`. Nothing is
  // synced: the caller decides what must be durable.
  Status MaterializeInto(FileSystem& fs, const std::string& dir) const;
  // The largest inode number in use.
  InodeId max_inode() const;

  // Calls visit for every entry reachable from the root, parents before children, in name order.
  struct Entry {
    const std::string& path;  // "wal/MANIFEST"
    InodeId dir;              // the directory holding the entry
    const std::string& name;
    InodeId inode;
    const Node& node;
  };
  void VisitTree(const std::function<void(const Entry&)>& visit) const;

 private:
  Node& Mutable(InodeId inode, bool is_dir);  // creates the node if absent; copies if shared
  void RemoveEntry(InodeId dir, std::string_view name, InodeId inode);  // if it refers to `inode`
  // Visits the entries of `dir`, whose path is `path` (restored on return), `depth` levels down.
  void Walk(InodeId dir, std::string& path, int depth,
            const std::function<void(const Entry&)>& visit) const;

  // Sorted by inode: copying an image (once per crash state and per branch of the generator)
  // is one allocation and a reference count per node, not a tree node each.
  using Slot = std::pair<InodeId, CowPtr<Node>>;
  std::vector<Slot>::const_iterator Position(InodeId inode) const;  // first slot >= inode
  std::vector<Slot> nodes_;
};

}  // namespace powercut

#endif  // POWERCUT_FAULTFS_IMAGE_FS_IMAGE_H_
