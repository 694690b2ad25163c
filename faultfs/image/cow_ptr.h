// CowPtr: a reference-counted pointer for copy-on-write values shared between images that
// different threads use (FsImage's nodes).
//
// Unlike std::shared_ptr, Unique() is an *acquire* load of the count, and dropping a reference
// is a release: when Unique() says no one else holds the value, every use another owner made of
// it happened before, even on another thread, so the caller may write it in place.
// shared_ptr::use_count() is a relaxed load, and the in-place write it allowed raced with the
// last read of an image a worker thread had just dropped (ThreadSanitizer reported it).
//
// Thread-safety: distinct CowPtrs to one value may be copied, dropped and read from any
// threads; one CowPtr object is not to be used from two threads at once (as for shared_ptr).
#ifndef POWERCUT_FAULTFS_IMAGE_COW_PTR_H_
#define POWERCUT_FAULTFS_IMAGE_COW_PTR_H_

#include <atomic>
#include <cstdint>
#include <utility>

namespace powercut {

template <typename T>
class CowPtr {
 public:
  template <typename... Args>
  static CowPtr Make(Args&&... args) {
    return CowPtr(new Counted(std::forward<Args>(args)...));
  }

  CowPtr() = default;
  CowPtr(const CowPtr& other) : counted_(other.counted_) {
    if (counted_ != nullptr) counted_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  CowPtr(CowPtr&& other) noexcept : counted_(std::exchange(other.counted_, nullptr)) {}
  CowPtr& operator=(CowPtr other) noexcept {
    std::swap(counted_, other.counted_);
    return *this;
  }
  ~CowPtr() { Drop(); }

  // The analyzer cannot follow an atomic count: it reports the value freed while held.
  T& operator*() const { return counted_->value; }  // NOLINT(clang-analyzer-cplusplus.NewDelete)
  T* operator->() const { return &counted_->value; }
  T* get() const { return counted_ == nullptr ? nullptr : &counted_->value; }

  // True when this is the only reference: the value may be written in place.
  bool Unique() const { return counted_->refs.load(std::memory_order_acquire) == 1; }

 private:
  struct Counted {
    template <typename... Args>
    explicit Counted(Args&&... args) : value(std::forward<Args>(args)...) {}
    T value;
    std::atomic<uint32_t> refs{1};
  };
  explicit CowPtr(Counted* counted) : counted_(counted) {}
  void Drop() {
    if (counted_ != nullptr && counted_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      delete counted_;  // NOLINT(clang-analyzer-cplusplus.NewDelete): the last reference
    }
  }

  Counted* counted_ = nullptr;
};

}  // namespace powercut

#endif  // POWERCUT_FAULTFS_IMAGE_COW_PTR_H_
