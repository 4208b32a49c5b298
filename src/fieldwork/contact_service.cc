#include "fieldwork/contact_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/csv.h"
#include "core/text.h"

namespace kartla::fieldwork {
namespace {

using Field = ContactService::Field;
using Key = ContactService::Key;

// What is wrong with a contact's name, email and role, each with its field.
// A problem of a field (its place set by the caller), with its key and
// arguments for a page's language (templates/messages.csv, "problem_KEY").
Problem FieldProblem(std::string message, std::string key, std::vector<std::string> args) {
  return Problem(Severity::kError, Place{}, std::move(message), std::move(key), std::move(args));
}

std::vector<std::pair<Field, Problem>> CheckFields(
    const Contact& contact, const std::vector<std::string>& roles) {
  std::vector<std::pair<Field, Problem>> problems;
  if (contact.name.empty()) {
    problems.emplace_back(Field::kName,
                          FieldProblem("column \"name\" is empty", "contact_name_empty", {}));
  } else if (contact.name.size() > 200 ||
             std::any_of(contact.name.begin(), contact.name.end(), [](char c) {
               return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
             })) {
    // A line break in a name would become a line of its own in the mail.
    std::string shown = EscapeControls(CutUtf8(contact.name, 60));
    problems.emplace_back(
        Field::kName,
        FieldProblem(fmt::format("column \"name\": \"{}\" has a line break or another "
                                 "control character, or is longer than 200 characters",
                                 shown),
                     "contact_name_bad", {shown}));
  }
  if (!PlausibleEmail(contact.email)) {
    problems.emplace_back(
        Field::kEmail,
        FieldProblem(fmt::format("column \"email\": \"{}\" is not an email address",
                                 contact.email),
                     "contact_email", {contact.email}));
  }
  if (std::find(roles.begin(), roles.end(), contact.role) == roles.end()) {
    std::string known = fmt::format("{}", fmt::join(roles, ", "));
    problems.emplace_back(
        Field::kRole,
        FieldProblem(fmt::format("column \"role\": \"{}\" is not a target group; known: {}",
                                 contact.role, known),
                     "contact_role", {contact.role, known}));
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

std::vector<rounds::TargetGroup> ContactService::KnownTargetGroups() {
  std::map<std::string, rounds::TargetGroup> groups;
  for (const rounds::TargetGroup& group : rounds::BuiltinTargetGroups()) {
    groups[group.code] = group;
  }
  for (const rounds::Round& round : rounds_.ListRounds()) {
    for (const rounds::Questionnaire& q : rounds_.ListQuestionnaires(round.id)) {
      groups[q.target_group.code] = q.target_group;
    }
  }
  std::vector<rounds::TargetGroup> out;
  for (auto& [code, group] : groups) out.push_back(std::move(group));
  return out;
}

// What is wrong with `contact` as a new one, each with its field:
// `language` ("" for the organisation's main one) is set on it, and its
// key added to `seen`.
std::vector<std::pair<ContactService::Field, Problem>> ContactService::CheckNew(
    Contact& contact, std::string_view language, const Registry& registry,
    const std::vector<std::string>& roles, std::set<Key>& seen,
    const std::optional<std::string>& only_organisation) {
  std::vector<std::pair<Field, Problem>> problems;
  const Organisation* organisation = registry.Find(contact.organisation_code);
  if (organisation == nullptr) {
    problems.emplace_back(
        Field::kOrganisation,
        FieldProblem(fmt::format("column \"organisation\": there is no organisation "
                                 "\"{}\" in the registry",
                                 contact.organisation_code),
                     "contact_organisation", {contact.organisation_code}));
  } else if (only_organisation && contact.organisation_code != *only_organisation) {
    problems.emplace_back(
        Field::kOrganisation,
        FieldProblem(fmt::format("column \"organisation\": \"{}\" is not your "
                                 "organisation; you may add the people of {} only",
                                 contact.organisation_code, *only_organisation),
                     "contact_not_yours", {contact.organisation_code, *only_organisation}));
  }
  for (auto& problem : CheckFields(contact, roles)) problems.push_back(std::move(problem));
  if (!language.empty()) {
    auto parsed = ParseLang(AsciiLower(language));
    if (!parsed) {
      problems.emplace_back(
          Field::kLanguage,
          FieldProblem(fmt::format("column \"language\": \"{}\" is not fi, sv or en", language),
                       "contact_language", {std::string(language)}));
    }
    contact.language = parsed.value_or(Lang::kFi);
  } else if (organisation != nullptr) {
    contact.language = organisation->MainLanguage();
  }
  if (!seen.insert(KeyOf(contact)).second) {
    problems.emplace_back(
        Field::kEmail,
        FieldProblem(fmt::format("{} is listed already as {} of {}", contact.email,
                                 contact.role, contact.organisation_code),
                     "contact_twice", {contact.email, contact.role, contact.organisation_code}));
  }
  return problems;
}

std::set<ContactService::Key> ContactService::ExistingKeys() {
  std::set<Key> seen;
  for (const Contact& existing : store_.ListContacts(std::nullopt)) {
    seen.insert(KeyOf(existing));
  }
  return seen;
}

Result<std::vector<Contact>> ContactService::Import(
    std::string_view csv, std::string_view file_name,
    const std::optional<std::string>& only_organisation) {
  auto table = ParseCsv(csv, file_name);
  if (!table.ok()) return table.status();
  std::vector<Problem> problems;
  auto column = [&](std::initializer_list<std::string_view> names,
                    bool required) -> std::optional<size_t> {
    for (std::string_view name : names) {
      if (auto found = table->ColumnIndex(name)) return found;
    }
    if (required) {
      problems.emplace_back(Severity::kError, Place{table->file, "", 1, 0},
                            fmt::format("there is no column \"{}\"", *names.begin()),
                            "contact_no_column", std::vector{std::string(*names.begin())});
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
    return RegistryEmpty(ErrorCode::kFailedPrecondition);
  }
  std::vector<std::string> roles = KnownRoles();
  std::set<Key> seen = ExistingKeys();

  std::vector<Contact> contacts;
  for (const CsvRecord& record : table->records) {
    Contact contact;
    contact.organisation_code =
        std::string(Trim(record.fields[*organisation_column]));
    contact.name = std::string(Trim(record.fields[*name_column]));
    contact.email = std::string(Trim(record.fields[*email_column]));
    contact.role = std::string(Trim(record.fields[*role_column]));
    contact.created_at = clock_.Now();
    std::string language =
        language_column ? std::string(Trim(record.fields[*language_column])) : "";
    for (auto& [field, problem] :
         CheckNew(contact, language, *registry, roles, seen, only_organisation)) {
      size_t at = field == Field::kOrganisation ? *organisation_column
                  : field == Field::kName       ? *name_column
                  : field == Field::kEmail      ? *email_column
                  : field == Field::kRole       ? *role_column
                                                : *language_column;
      problem.place = table->PlaceOf(record, at);
      problems.push_back(std::move(problem));
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

Result<Contact> ContactService::Add(Contact contact, std::string_view language) {
  auto registry = LoadLatestVersion(registry_);
  if (!registry) {
    return RegistryEmpty(ErrorCode::kFailedPrecondition);
  }
  contact.organisation_code = std::string(Trim(contact.organisation_code));
  contact.name = std::string(Trim(contact.name));
  contact.email = std::string(Trim(contact.email));
  contact.created_at = clock_.Now();
  std::set<Key> seen = ExistingKeys();
  std::vector<std::string> messages;
  std::vector<Problem> problems;
  for (auto& [field, problem] :
       CheckNew(contact, Trim(language), *registry, KnownRoles(), seen, std::nullopt)) {
    messages.push_back(problem.message);
    problems.push_back(std::move(problem));
  }
  if (!messages.empty()) {
    return Status::InvalidInput(fmt::format("{}", fmt::join(messages, "; ")),
                                std::move(problems));
  }
  std::vector<Contact> one{std::move(contact)};
  store_.AddAll(one);
  return std::move(one.front());
}

Status ContactService::Remove(int64_t id) {
  if (!store_.FindContact(id)) {
    return Status::NotFound(fmt::format("there is no contact {}", id));
  }
  int64_t invited = store_.RemoveUninvited(id);
  if (invited > 0) {
    return invited == 1
               ? Status::Refused(ErrorCode::kFailedPrecondition, "contact_invited_once",
                                 "1 invitation names this contact; its link and answers stay "
                                 "tied to the contact, so it is kept")
               : Status::Refused(ErrorCode::kFailedPrecondition, "contact_invited",
                                 "{0} invitations name this contact; their links and answers "
                                 "stay tied to the contact, so it is kept",
                                 {std::to_string(invited)});
  }
  return Status::Ok();
}

std::vector<Contact> ContactService::Matching(const ContactQuery& query) {
  std::vector<Contact> contacts = store_.ListContacts(query.organisation);
  const std::vector<std::string> words = SplitWords(FoldCase(query.text));
  if (words.empty() && query.role.empty()) return contacts;
  // The organisations' names in every language, folded, by code.
  std::map<std::string, std::string> names;
  if (!words.empty()) {
    if (auto registry = LoadLatestVersion(registry_)) {
      for (const Organisation& organisation : registry->organisations()) {
        std::string all;
        for (Lang lang : kAllLangs) all += FoldCase(organisation.name.Get(lang)) + "\n";
        names[organisation.code] = std::move(all);
      }
    }
  }
  std::erase_if(contacts, [&](const Contact& contact) {
    if (!query.role.empty() && contact.role != query.role) return true;
    if (words.empty()) return false;
    const std::string haystack = FoldCase(contact.name) + "\n" + FoldCase(contact.email) +
                                 "\n" + contact.organisation_code + "\n" +
                                 names[contact.organisation_code];
    return !std::all_of(words.begin(), words.end(), [&](const std::string& word) {
      return haystack.find(word) != std::string::npos;
    });
  });
  return contacts;
}

ContactPage ContactService::Search(const ContactQuery& query) {
  ContactPage page;
  std::vector<Contact> found = Matching(query);
  page.total = found.size();
  if (!query.text.empty() || !query.role.empty()) {
    page.total = store_.ListContacts(query.organisation).size();
  }
  page.matched = found.size();
  const size_t per_page = std::max<size_t>(1, query.per_page);
  page.pages = std::max<size_t>(1, (found.size() + per_page - 1) / per_page);
  page.page = std::clamp<size_t>(query.page, 1, page.pages);
  const size_t from = (page.page - 1) * per_page;
  const size_t to = std::min(found.size(), from + per_page);
  if (from < to) {
    page.first = from + 1;
    page.contacts.assign(std::make_move_iterator(found.begin() + long(from)),
                         std::make_move_iterator(found.begin() + long(to)));
  }
  return page;
}

Status ContactService::Update(const Contact& contact) {
  auto existing = store_.FindContact(contact.id);
  if (!existing)
    return Status::NotFound(fmt::format("there is no contact {}", contact.id));
  std::vector<std::string> messages;
  std::vector<Problem> problems;
  for (auto& [field, problem] : CheckFields(contact, KnownRoles())) {
    messages.push_back(problem.message);
    problems.push_back(std::move(problem));
  }
  if (!messages.empty()) {
    return Status::InvalidInput(fmt::format("{}", fmt::join(messages, "; ")),
                                std::move(problems));
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
