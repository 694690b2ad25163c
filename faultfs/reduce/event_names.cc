#include "faultfs/reduce/event_names.h"

#include <cctype>

#include "faultfs/trace/trace_printer.h"

namespace powercut::reduce {

using trace::EventType;

std::string SyncTarget::Phrase() const {
  return (directory ? "the directory `" : "`") + path + "`";
}

std::string NormalizeDigits(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
      out += text[i];
    } else if (i == 0 || std::isdigit(static_cast<unsigned char>(text[i - 1])) == 0) {
      out += 'N';
    }
  }
  return out;
}

EventNames::EventNames(const crash::Timeline& timeline) : timeline_(timeline) {}

const trace::PathTracker& EventNames::Before(size_t index) {
  if (index < position_) {
    tracker_ = trace::PathTracker();
    position_ = 0;
  }
  while (position_ < index) tracker_.Apply(event(position_++));
  return tracker_;
}

std::string EventNames::Text(size_t index) {
  std::string text = trace::FormatEvent(event(index), Before(index), {.data_bytes = 0});
  for (const std::string_view noise : {" ...", " (ino "}) {  // data bytes, inode numbers
    const size_t at = text.rfind(noise);
    if (at != std::string::npos && (noise != " ..." || at + noise.size() == text.size())) {
      text.erase(at);
    }
  }
  return text;
}

std::string EventNames::Quoted(size_t index) {
  return "`" + Text(index) + "` (#" + std::to_string(index) + ")";
}

std::string EventNames::PathBefore(size_t index, trace::InodeId inode) {
  return Before(index).PathOf(inode);
}

SyncTarget EventNames::TargetOf(size_t index) {
  const trace::Event& e = event(index);
  switch (e.type) {
    case EventType::kCreate:
    case EventType::kMkdir:
    case EventType::kUnlink:
    case EventType::kRmdir:
      return {e.dir, true, PathBefore(index, e.dir)};
    case EventType::kRename:
    case EventType::kLink:
      return {e.dir2, true, PathBefore(index, e.dir2)};
    default:
      return {e.inode, false, PathBefore(index, e.inode)};
  }
}

std::string EventNames::Site(size_t index) {
  const trace::Event& e = event(index);
  const trace::PathTracker& names = Before(index);
  std::string site(trace::EventTypeName(e.type));
  switch (e.type) {
    case EventType::kWrite:
      site += " " + names.PathOf(e.inode) + (timeline_.at(index).has_append ? " append" : " overwrite");
      break;
    case EventType::kTruncate:
      site += " " + names.PathOf(e.inode) + (e.length == 0 ? " to zero" : "");
      break;
    case EventType::kOutput:
      site += " " + e.data;
      break;
    case EventType::kSync:
      break;
    case EventType::kFallocate:
    case EventType::kFsync:
    case EventType::kFdatasync:
    case EventType::kSyncFailed:
      site += " " + names.PathOf(e.inode);
      break;
    default:  // entries: the same words as the listing
      site = Text(index);
      break;
  }
  return NormalizeDigits(site);
}

}  // namespace powercut::reduce
