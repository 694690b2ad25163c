#include "faultfs/reduce/oracle.h"

namespace powercut::reduce {

Judgement Judgement::FromReason(std::string reason) {
  Kind kind = Kind::kViolation;
  if (reason.starts_with("recovery crashed")) kind = Kind::kRecoveryCrashed;
  if (reason.starts_with("recovery hung")) kind = Kind::kRecoveryHung;
  return {kind, std::move(reason)};
}

}  // namespace powercut::reduce
