// Contacts: the people in each organisation who are asked, by role.
#ifndef KARTLA_FIELDWORK_CONTACT_H_
#define KARTLA_FIELDWORK_CONTACT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/text.h"

namespace kartla::fieldwork {

struct Contact {
  int64_t id = 0;
  std::string organisation_code;
  std::string name;
  std::string email;
  std::string role;  // a target group's code, e.g. "ict_management"
  Lang language = Lang::kFi;
  TimePoint created_at;
};

// Every method is thread-safe and returns once its change is durable.
class ContactStore {
 public:
  virtual ~ContactStore() = default;
  // Adds all of them in one transaction, setting their ids.
  virtual void AddAll(std::vector<Contact>& contacts) = 0;
  // Changes name, email, role and language.
  virtual void Update(const Contact& contact) = 0;
  virtual std::optional<Contact> FindContact(int64_t id) = 0;
  // Removes the contact unless an invitation names it, in one transaction;
  // returns how many invitations name it (0: removed).
  virtual int64_t RemoveUninvited(int64_t id) = 0;
  // Every contact, or those of one organisation, by organisation and name.
  virtual std::vector<Contact> ListContacts(
      const std::optional<std::string>& organisation_code) = 0;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_CONTACT_H_
