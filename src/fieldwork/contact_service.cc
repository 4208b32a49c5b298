#include "fieldwork/contact_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "core/csv.h"
#include "core/text.h"

namespace kartla::fieldwork {
namespace {

using Key =
    std::tuple<std::string, std::string, std::string>;  // org, role, email

enum class Field { kName, kEmail, kRole };

// What is wrong with a contact's name, email and role, each with its field.
std::vector<std::pair<Field, std::string>> CheckFields(
    const Contact& contact, const std::vector<std::string>& roles) {
  std::vector<std::pair<Field, std::string>> problems;
  if (contact.name.empty()) {
    problems.emplace_back(Field::kName, "column \"name\" is empty");
  } else if (contact.name.size() > 200 ||
             std::any_of(contact.name.begin(), contact.name.end(), [](char c) {
               return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
             })) {
    // A line break in a name would become a line of its own in the mail.
    problems.emplace_back(
        Field::kName, fmt::format("column \"name\": \"{}\" has a line break or another "
                                  "control character, or is longer than 200 characters",
                                  EscapeControls(CutUtf8(contact.name, 60))));
  }
  if (!PlausibleEmail(contact.email)) {
    problems.emplace_back(
        Field::kEmail,
        fmt::format("column \"email\": \"{}\" is not an email address",
                    contact.email));
  }
  if (std::find(roles.begin(), roles.end(), contact.role) == roles.end()) {
    problems.emplace_back(
        Field::kRole,
        fmt::format("column \"role\": \"{}\" is not a target group; known: {}",
                    contact.role, fmt::join(roles, ", ")));
  }
  return problems;
}

Key KeyOf(const Contact& contact) {
  return {contact.organisation_code, contact.role, AsciiLower(contact.email)};
}

}  // namespace

bool PlausibleEmail(std::string_view email) {
  if (email.size() > 254) return false;
  size_t at = email.find('@');
  if (at == 0 || at == std::string_view::npos || email.rfind('@') != at)
    return false;
  std::string_view domain = email.substr(at + 1);
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) {
    return false;
  }
  return std::none_of(email.begin(), email.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == ',' || c == ';' ||
           c == '<' || c == '>' || c == '"';
  });
}

std::vector<std::string> ContactService::KnownRoles() {
  std::set<std::string> roles;
  for (const rounds::TargetGroup& group : rounds::BuiltinTargetGroups()) {
    roles.insert(group.code);
  }
  for (const rounds::Round& round : rounds_.ListRounds()) {
    for (const rounds::Questionnaire& q :
         rounds_.ListQuestionnaires(round.id)) {
      roles.insert(q.target_group.code);
    }
  }
  return {roles.begin(), roles.end()};
}

Result<std::vector<Contact>> ContactService::Import(
    std::string_view csv, std::string_view file_name) {
  auto table = ParseCsv(csv, file_name);
  if (!table.ok()) return table.status();
  std::vector<Problem> problems;
  auto column = [&](std::initializer_list<std::string_view> names,
                    bool required) -> std::optional<size_t> {
    for (std::string_view name : names) {
      if (auto found = table->ColumnIndex(name)) return found;
    }
    if (required) {
      problems.push_back(
          {Severity::kError, Place{table->file, "", 1, 0},
           fmt::format("there is no column \"{}\"", *names.begin())});
    }
    return std::nullopt;
  };
  auto organisation_column =
      column({"organisation", "organisation_code", "code"}, true);
  auto name_column = column({"name"}, true);
  auto email_column = column({"email"}, true);
  auto role_column = column({"role"}, true);
  auto language_column = column({"language"}, false);
  if (!problems.empty()) {
    return Status::InvalidInput(
        fmt::format("{} has missing columns; nothing was imported", file_name),
        std::move(problems));
  }

  auto registry = LoadLatestVersion(registry_);
  if (!registry) {
    return Status::FailedPrecondition(
        "there is no registry; load one first (kartla registry load)");
  }
  std::vector<std::string> roles = KnownRoles();
  std::set<Key> seen;
  for (const Contact& existing : store_.ListContacts(std::nullopt)) {
    seen.insert(KeyOf(existing));
  }

  std::vector<Contact> contacts;
  for (const CsvRecord& record : table->records) {
    auto problem = [&](size_t at, std::string message) {
      problems.push_back(
          {Severity::kError, table->PlaceOf(record, at), std::move(message)});
    };
    Contact contact;
    contact.organisation_code =
        std::string(Trim(record.fields[*organisation_column]));
    contact.name = std::string(Trim(record.fields[*name_column]));
    contact.email = std::string(Trim(record.fields[*email_column]));
    contact.role = std::string(Trim(record.fields[*role_column]));
    contact.created_at = clock_.Now();
    const Organisation* organisation =
        registry->Find(contact.organisation_code);
    if (organisation == nullptr) {
      problem(*organisation_column,
              fmt::format(
                  "column \"organisation\": there is no organisation \"{}\" "
                  "in the registry",
                  contact.organisation_code));
    }
    for (const auto& [field, message] : CheckFields(contact, roles)) {
      size_t at = field == Field::kName    ? *name_column
                  : field == Field::kEmail ? *email_column
                                           : *role_column;
      problem(at, message);
    }
    std::string language =
        language_column ? std::string(Trim(record.fields[*language_column]))
                        : "";
    if (!language.empty()) {
      auto parsed = ParseLang(AsciiLower(language));
      if (!parsed) {
        problem(*language_column,
                fmt::format("column \"language\": \"{}\" is not fi, sv or en",
                            language));
      }
      contact.language = parsed.value_or(Lang::kFi);
    } else if (organisation != nullptr) {
      contact.language = organisation->MainLanguage();
    }
    if (!seen.insert(KeyOf(contact)).second) {
      problem(*email_column,
              fmt::format("{} is listed already as {} of {}", contact.email,
                          contact.role, contact.organisation_code));
    }
    contacts.push_back(std::move(contact));
  }
  if (!problems.empty()) {
    size_t count = problems.size();
    return Status::InvalidInput(
        fmt::format("{} problem{} in {}; nothing was imported", count,
                    count == 1 ? "" : "s", file_name),
        std::move(problems));
  }
  store_.AddAll(contacts);
  return contacts;
}

Status ContactService::Update(const Contact& contact) {
  auto existing = store_.FindContact(contact.id);
  if (!existing)
    return Status::NotFound(fmt::format("there is no contact {}", contact.id));
  std::vector<std::string> messages;
  for (auto& [field, message] : CheckFields(contact, KnownRoles())) {
    messages.push_back(std::move(message));
  }
  if (!messages.empty()) {
    return Status::InvalidInput(fmt::format("{}", fmt::join(messages, "; ")));
  }
  Contact changed = *existing;
  changed.name = contact.name;
  changed.email = contact.email;
  changed.role = contact.role;
  changed.language = contact.language;
  store_.Update(changed);
  return Status::Ok();
}

}  // namespace kartla::fieldwork
