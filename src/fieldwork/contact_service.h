// Importing contacts from CSV (all or nothing) and editing them.
#ifndef KARTLA_FIELDWORK_CONTACT_SERVICE_H_
#define KARTLA_FIELDWORK_CONTACT_SERVICE_H_

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
  Result<std::vector<Contact>> Import(std::string_view csv, std::string_view file_name);

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

 private:
  ContactStore& store_;
  RegistryStore& registry_;
  rounds::RoundStore& rounds_;
  const Clock& clock_;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_CONTACT_SERVICE_H_
