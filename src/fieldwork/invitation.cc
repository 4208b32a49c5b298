#include "fieldwork/invitation.h"

#include <array>
#include <utility>

namespace kartla::fieldwork {
namespace {

constexpr std::array<std::pair<InvitationStatus, std::string_view>, 8> kStatuses{{
    {InvitationStatus::kCreated, "created"},
    {InvitationStatus::kSent, "sent"},
    {InvitationStatus::kBounced, "bounced"},
    {InvitationStatus::kOpened, "opened"},
    {InvitationStatus::kPartial, "partial"},
    {InvitationStatus::kSubmitted, "submitted"},
    {InvitationStatus::kDeclined, "declined"},
    {InvitationStatus::kRevoked, "revoked"},
}};

constexpr std::array<std::pair<MailKind, std::string_view>, 5> kKinds{{
    {MailKind::kInvitation, "invitation"},
    {MailKind::kReminder, "reminder"},
    {MailKind::kThanks, "thanks"},
    {MailKind::kHandover, "handover"},
    {MailKind::kPassword, "password"},
}};

// The order of progress; -1 for the statuses outside it.
int Progress(InvitationStatus status) {
  switch (status) {
    case InvitationStatus::kCreated: return 0;
    case InvitationStatus::kSent: return 1;
    case InvitationStatus::kOpened: return 2;
    case InvitationStatus::kPartial: return 3;
    case InvitationStatus::kSubmitted: return 4;
    default: return -1;
  }
}

}  // namespace

std::string_view StatusCode(InvitationStatus status) {
  for (const auto& [value, code] : kStatuses) {
    if (value == status) return code;
  }
  return "created";
}

std::optional<InvitationStatus> ParseStatus(std::string_view code) {
  for (const auto& [value, name] : kStatuses) {
    if (name == code) return value;
  }
  return std::nullopt;
}

bool StatusMayChange(InvitationStatus from, InvitationStatus to) {
  if (from == to || from == InvitationStatus::kRevoked) return false;
  switch (to) {
    case InvitationStatus::kRevoked: return true;
    case InvitationStatus::kDeclined: return from != InvitationStatus::kSubmitted;
    case InvitationStatus::kBounced: return Progress(from) >= 0 && Progress(from) <= 1;
    default: break;
  }
  if (from == InvitationStatus::kBounced) return true;
  if (from == InvitationStatus::kDeclined) return to == InvitationStatus::kSubmitted;
  return Progress(to) > Progress(from);
}

std::string_view MailKindCode(MailKind kind) {
  for (const auto& [value, code] : kKinds) {
    if (value == kind) return code;
  }
  return "invitation";
}

std::optional<MailKind> ParseMailKind(std::string_view code) {
  for (const auto& [value, name] : kKinds) {
    if (name == code) return value;
  }
  return std::nullopt;
}

}  // namespace kartla::fieldwork
