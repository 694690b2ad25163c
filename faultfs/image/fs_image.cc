#include "faultfs/image/fs_image.h"

// The state's layout, so that it can live on the stack (no allocation per hash).
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <algorithm>
#include <cstdio>

namespace powercut {
namespace {

// Zeros fed to the hash for a file's unwritten range (past the bytes written, within its size).
constexpr size_t kZeroChunkBytes = 4096;
constexpr char kZeros[kZeroChunkBytes] = {};

}  // namespace

FsImage::FsImage() {
  auto root = CowPtr<Node>::Make();
  root->is_dir = true;
  nodes_.emplace_back(trace::kRootInode, std::move(root));
}

FsImage::Node& FsImage::Mutable(InodeId inode, bool is_dir) {
  auto it = nodes_.begin() + (Position(inode) - nodes_.cbegin());
  if (it == nodes_.end() || it->first != inode) {
    it = nodes_.emplace(it, inode, CowPtr<Node>::Make());
    it->second->is_dir = is_dir;
  } else if (!it->second.Unique()) {
    it->second = CowPtr<Node>::Make(*it->second);  // copy on write
  }
  return *it->second;
}

void FsImage::CreateFile(InodeId dir, std::string_view name, InodeId inode) {
  Mutable(inode, false);
  Mutable(dir, true).entries.insert_or_assign(std::string(name), inode);
}

void FsImage::MakeDir(InodeId dir, std::string_view name, InodeId inode) {
  Mutable(inode, true);
  Mutable(dir, true).entries.insert_or_assign(std::string(name), inode);
}

void FsImage::Write(InodeId inode, uint64_t offset, std::string_view data) {
  if (data.empty()) return;
  Node& node = Mutable(inode, false);
  const uint64_t end = offset + data.size();
  if (node.bytes.size() < end) node.bytes.resize(end, '\0');
  std::copy(data.begin(), data.end(), node.bytes.begin() + static_cast<std::ptrdiff_t>(offset));
}

void FsImage::WriteZeros(InodeId inode, uint64_t offset, uint64_t length) {
  Node& node = Mutable(inode, false);
  if (offset >= node.bytes.size()) return;  // unwritten bytes already read as zeros
  const uint64_t end = std::min<uint64_t>(offset + length, node.bytes.size());
  std::fill(node.bytes.begin() + static_cast<std::ptrdiff_t>(offset),
            node.bytes.begin() + static_cast<std::ptrdiff_t>(end), '\0');
}

void FsImage::Truncate(InodeId inode, uint64_t size) {
  Node& node = Mutable(inode, false);
  node.size = size;
  if (node.bytes.size() > size) node.bytes.resize(size);  // the freed blocks read as zeros later
}

void FsImage::ExtendSize(InodeId inode, uint64_t size) {
  Node& node = Mutable(inode, false);
  node.size = std::max(node.size, size);
}

void FsImage::RemoveEntry(InodeId dir, std::string_view name, InodeId inode) {
  if (Lookup(dir, name) != inode) return;
  std::map<std::string, InodeId, std::less<>>& entries = Mutable(dir, true).entries;
  entries.erase(entries.find(name));
}

void FsImage::Rename(InodeId dir, std::string_view name, InodeId dir2, std::string_view name2,
                     InodeId inode, bool is_dir) {
  RemoveEntry(dir, name, inode);
  if (Find(inode) == nullptr) Mutable(inode, is_dir);
  Mutable(dir2, true).entries.insert_or_assign(std::string(name2), inode);
}

void FsImage::Unlink(InodeId dir, std::string_view name, InodeId inode) {
  RemoveEntry(dir, name, inode);
}

void FsImage::Link(InodeId inode, InodeId dir2, std::string_view name2) {
  if (Find(inode) == nullptr) Mutable(inode, false);
  Mutable(dir2, true).entries.insert_or_assign(std::string(name2), inode);
}

void FsImage::Rmdir(InodeId dir, std::string_view name, InodeId inode) {
  RemoveEntry(dir, name, inode);
}

const FsImage::Node* FsImage::Find(InodeId inode) const {
  const auto it = Position(inode);
  return it == nodes_.end() || it->first != inode ? nullptr : it->second.get();
}

std::vector<FsImage::Slot>::const_iterator FsImage::Position(InodeId inode) const {
  return std::lower_bound(nodes_.begin(), nodes_.end(), inode,
                          [](const Slot& slot, InodeId id) { return slot.first < id; });
}

std::optional<InodeId> FsImage::Lookup(InodeId dir, std::string_view name) const {
  const Node* node = Find(dir);
  if (node == nullptr || !node->is_dir) return std::nullopt;
  const auto it = node->entries.find(name);
  if (it == node->entries.end() || Find(it->second) == nullptr) return std::nullopt;
  return it->second;
}

std::optional<InodeId> FsImage::Resolve(std::string_view path) const {
  InodeId at = trace::kRootInode;
  while (!path.empty()) {
    const size_t slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    if (!part.empty() && part != ".") {
      const std::optional<InodeId> next = Lookup(at, part);
      if (!next) return std::nullopt;
      at = *next;
    }
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return at;
}

std::string FsImage::Contents(InodeId inode) const {
  const Node* node = Find(inode);
  if (node == nullptr || node->is_dir) return {};
  std::string out = node->bytes.substr(0, static_cast<size_t>(node->size));
  out.resize(static_cast<size_t>(node->size), '\0');
  return out;
}

void FsImage::VisitTree(const std::function<void(const Entry&)>& visit) const {
  std::string path;  // one buffer for every entry's path: appended to and cut back
  Walk(trace::kRootInode, path, 0, visit);
}

void FsImage::Walk(InodeId dir, std::string& path, int depth,
                   const std::function<void(const Entry&)>& visit) const {
  const Node* node = Find(dir);
  if (node == nullptr || !node->is_dir) return;
  const size_t prefix = path.size();
  for (const auto& [name, inode] : node->entries) {
    const Node* child = Find(inode);
    if (child == nullptr) continue;  // an entry whose inode never persisted: not visible
    if (prefix > 0) path += '/';
    path += name;
    visit(Entry{path, dir, name, inode, *child});
    // A directory reachable twice (never produced by the recorders) is walked once per name;
    // the depth bound stops a cycle a corrupt trace could make.
    if (child->is_dir && depth < 256) Walk(inode, path, depth + 1, visit);
    path.resize(prefix);
  }
}

uint64_t FsImage::ContentHash() const {
  XXH3_state_t hash_state;
  XXH3_INITSTATE(&hash_state);
  XXH3_state_t* state = &hash_state;
  XXH3_64bits_reset(state);
  VisitTree([&](const Entry& e) {
    const std::string& path = e.path;
    const Node& node = e.node;
    const char kind = node.is_dir ? 'd' : 'f';
    XXH3_64bits_update(state, &kind, 1);
    XXH3_64bits_update(state, path.data(), path.size() + 1);  // with the terminating NUL
    if (!node.is_dir) {
      // The visible bytes, as Contents() would return them, without copying them: the written
      // bytes within the size, then zeros up to it.
      const uint64_t size = node.size;
      XXH3_64bits_update(state, &size, sizeof(size));
      const size_t written = static_cast<size_t>(std::min<uint64_t>(size, node.bytes.size()));
      XXH3_64bits_update(state, node.bytes.data(), written);
      for (uint64_t left = size - written; left > 0;) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(left, kZeroChunkBytes));
        XXH3_64bits_update(state, kZeros, n);
        left -= n;
      }
    }
  });
  return XXH3_64bits_digest(state);
}

std::string FsImage::Describe() const {
  std::string out;
  VisitTree([&](const Entry& e) {
    const std::string& path = e.path;
    const Node& node = e.node;
    const InodeId inode = e.inode;
    if (node.is_dir) {
      out += "d " + path + "/\n";
      return;
    }
    const std::string contents = Contents(inode);
    char hash[20];
    (void)std::snprintf(
        hash, sizeof(hash), "%016llx",
        static_cast<unsigned long long>(XXH3_64bits(contents.data(), contents.size())));
    out += "f " + path + " " + std::to_string(contents.size()) + " " + hash + "\n";
  });
  return out;
}

Status FsImage::MaterializeInto(FileSystem& fs, const std::string& dir) const {
  Status status;
  VisitTree([&](const Entry& e) {
    const std::string& path = e.path;
    const Node& node = e.node;
    const InodeId inode = e.inode;
    if (!status.ok()) return;
    const std::string target = JoinPath(dir, path);
    if (node.is_dir) {
      status = fs.CreateDir(target);
      return;
    }
    Result<std::unique_ptr<File>> file = fs.Open(target, OpenMode::kCreateTruncate);
    if (!file.ok()) {
      status = file.status();
      return;
    }
    const std::string contents = Contents(inode);
    status = (*file)->WriteAt(0, std::as_bytes(std::span(contents.data(), contents.size())));
    if (status.ok()) status = (*file)->Close();
  });
  return status;
}

InodeId FsImage::max_inode() const { return nodes_.empty() ? 0 : nodes_.back().first; }

}  // namespace powercut
