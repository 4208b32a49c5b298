// Importing contacts from CSV (all or nothing) and editing them.
#ifndef KARTLA_FIELDWORK_CONTACT_SERVICE_H_
#define KARTLA_FIELDWORK_CONTACT_SERVICE_H_

#include <optional>
#include <set>
#include <tuple>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "fieldwork/contact.h"
#include "registry/registry_store.h"
#include "rounds/round_store.h"

namespace kartla::fieldwork {

// True for an address of the form local@domain.tld without spaces, at most
// 254 characters: what a mail server would accept as a recipient.
bool PlausibleEmail(std::string_view email);

// A search of the contacts, as the contacts page asks it.
struct ContactQuery {
  // Only this organisation's contacts (a coordinator's own, or the one an
  // administrator chose); nullopt: every organisation's.
  std::optional<std::string> organisation;
  // Words that must each appear, in any case, in the name, the email, the
  // organisation's code or its name (in any language). "": no condition.
  std::string text;
  std::string role;  // a target group's code; "": any
  size_t page = 1;   // from 1; past the last page: the last
  size_t per_page = 50;
};

// One page of a search.
struct ContactPage {
  std::vector<Contact> contacts;  // the page's, by organisation and name
  size_t matched = 0;             // every contact the search found
  size_t total = 0;               // every contact of `organisation` (all if none)
  size_t page = 1;                // the page shown
  size_t pages = 1;               // at least 1
  size_t first = 0;               // the page's first contact, from 1 (0: none)
};

// Thread-safe if the stores are.
class ContactService {
 public:
  // All references must outlive the service.
  ContactService(ContactStore& store, RegistryStore& registry,
                 rounds::RoundStore& rounds, const Clock& clock)
      : store_(store), registry_(registry), rounds_(rounds), clock_(clock) {}

  // Imports contacts from CSV text with the columns organisation (or
  // organisation_code, code), name, email, role and language (fi, sv, en;
  // empty: the organisation's main language). Checks every record against
  // the latest registry version and the known target groups, and refuses
  // the whole file with kInvalidInput listing every problem by file, row
  // and column: an unknown organisation or role, a bad email or language,
  // a contact listed twice or present already (same organisation, role and
  // email). Returns the contacts added.
  // With `only_organisation`, a record of another organisation is refused
  // too (a coordinator adds their own organisation's people only).
  Result<std::vector<Contact>> Import(
      std::string_view csv, std::string_view file_name,
      const std::optional<std::string>& only_organisation = std::nullopt);

  // Adds one contact, checked as an import checks a record (its language
  // "" for the organisation's main one). Fails with kInvalidInput saying
  // every problem, each after its field's name ("email: …").
  Result<Contact> Add(Contact contact, std::string_view language);

  // Removes a contact nobody was invited as. kNotFound, or
  // kFailedPrecondition if an invitation names the contact (their answers
  // and links stay tied to them; revoke or forward those first).
  Status Remove(int64_t id);

  // A page of the contacts that `query` finds.
  ContactPage Search(const ContactQuery& query);
  // Every contact that `query` finds (its page ignored), for a download.
  std::vector<Contact> Matching(const ContactQuery& query);

  // Changes a contact, checked as an import checks a record. Fails with
  // kNotFound or kInvalidInput.
  Status Update(const Contact& contact);

  std::vector<Contact> List(const std::optional<std::string>& organisation_code) {
    return store_.ListContacts(organisation_code);
  }
  std::optional<Contact> Find(int64_t id) { return store_.FindContact(id); }

  // The role codes a contact may have: the built-in target groups and those
  // of every round's questionnaires.
  std::vector<std::string> KnownRoles();
  // The same target groups with their names, by code; a round's name wins
  // over the built-in one.
  std::vector<rounds::TargetGroup> KnownTargetGroups();

 public:
  // A contact's fields, for the problems CheckNew finds.
  enum class Field { kOrganisation, kName, kEmail, kRole, kLanguage };
  using Key = std::tuple<std::string, std::string, std::string>;  // org, role, email

 private:
  std::vector<std::pair<Field, Problem>> CheckNew(
      Contact& contact, std::string_view language, const Registry& registry,
      const std::vector<std::string>& roles, std::set<Key>& seen,
      const std::optional<std::string>& only_organisation);
  // Every contact's key: a new one must not repeat one.
  std::set<Key> ExistingKeys();

  ContactStore& store_;
  RegistryStore& registry_;
  rounds::RoundStore& rounds_;
  const Clock& clock_;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_CONTACT_SERVICE_H_
