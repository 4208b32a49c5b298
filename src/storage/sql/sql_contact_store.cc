#include "storage/sql/sql_contact_store.h"

namespace kartla::sql {
namespace {

using fieldwork::Contact;

constexpr std::string_view kColumns =
    "SELECT id, organisation_code, name, email, role, language, created_at"
    " FROM contacts ";

Contact ReadContact(const Row& row) {
  Contact contact;
  contact.id = row.Int(0);
  contact.organisation_code = row.Text(1);
  contact.name = row.Text(2);
  contact.email = row.Text(3);
  contact.role = row.Text(4);
  contact.language = ParseLang(row.Text(5)).value_or(Lang::kFi);
  contact.created_at = row.Timestamp(6);
  return contact;
}

}  // namespace

void SqlContactStore::AddAll(std::vector<Contact>& contacts) {
  database_.Write([&](Connection& c) {
    for (Contact& contact : contacts) {
      c.Query("INSERT INTO contacts (organisation_code, name, email, role,"
              " language, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
              {contact.organisation_code, contact.name, contact.email,
               contact.role, std::string(LangCode(contact.language)),
               FormatTimestamp(contact.created_at)},
              [&contact](const Row& row) { contact.id = row.Int(0); });
    }
  });
}

void SqlContactStore::Update(const Contact& contact) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE contacts SET name = ?, email = ?, role = ?, language = ?"
              " WHERE id = ?",
              {contact.name, contact.email, contact.role,
               std::string(LangCode(contact.language)), contact.id});
  });
}

std::optional<Contact> SqlContactStore::FindContact(int64_t id) {
  return database_.ReadValue([&](Connection& c) {
    std::optional<Contact> found;
    c.Query(std::string(kColumns) + "WHERE id = ?", {id},
            [&found](const Row& row) { found = ReadContact(row); });
    return found;
  });
}

int64_t SqlContactStore::RemoveUninvited(int64_t id) {
  return database_.WriteValue([&](Connection& c) {
    int64_t invited = 0;
    c.Query("SELECT COUNT(*) FROM invitations WHERE contact_id = ?", {id},
            [&invited](const Row& row) { invited = row.Int(0); });
    if (invited == 0) c.Execute("DELETE FROM contacts WHERE id = ?", {id});
    return invited;
  });
}

std::vector<Contact> SqlContactStore::ListContacts(
    const std::optional<std::string>& organisation_code) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<Contact> found;
    auto add = [&found](const Row& row) { found.push_back(ReadContact(row)); };
    if (organisation_code) {
      c.Query(std::string(kColumns) + "WHERE organisation_code = ? ORDER BY name, id",
              {*organisation_code}, add);
    } else {
      c.Query(std::string(kColumns) + "ORDER BY organisation_code, name, id", {}, add);
    }
    return found;
  });
}

}  // namespace kartla::sql
