#include "bench/counting_file_system.h"

#include <chrono>

namespace powercut::bench {
namespace {

class CountingFile final : public File {
 public:
  CountingFile(std::unique_ptr<File> base, std::atomic<uint64_t>& syncs,
               std::atomic<uint64_t>& sync_ns)
      : base_(std::move(base)), syncs_(syncs), sync_ns_(sync_ns) {}

  Result<size_t> ReadAt(uint64_t offset, std::span<std::byte> out) override {
    return base_->ReadAt(offset, out);
  }
  Status WriteAt(uint64_t offset, std::span<const std::byte> data) override {
    return base_->WriteAt(offset, data);
  }
  Status Truncate(uint64_t size_bytes) override { return base_->Truncate(size_bytes); }
  Status Sync() override {
    return Timed([&] { return base_->Sync(); });
  }
  Status DataSync() override {
    return Timed([&] { return base_->DataSync(); });
  }
  Result<uint64_t> Size() override { return base_->Size(); }
  Status Close() override { return base_->Close(); }
  const std::string& path() const override { return base_->path(); }

 private:
  template <typename Call>
  Status Timed(const Call& call) {
    const auto start = std::chrono::steady_clock::now();
    Status status = call();
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    syncs_.fetch_add(1, std::memory_order_relaxed);
    sync_ns_.fetch_add(static_cast<uint64_t>(ns), std::memory_order_relaxed);
    return status;
  }

  std::unique_ptr<File> base_;
  std::atomic<uint64_t>& syncs_;
  std::atomic<uint64_t>& sync_ns_;
};

}  // namespace

Result<std::unique_ptr<File>> CountingFileSystem::Open(const std::string& path, OpenMode mode) {
  Result<std::unique_ptr<File>> file = base_.Open(path, mode);
  if (!file.ok()) return file.status();
  return std::unique_ptr<File>(std::make_unique<CountingFile>(std::move(*file), syncs_, sync_ns_));
}

}  // namespace powercut::bench
