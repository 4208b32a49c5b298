#include "storage/sql/sql_registry_store.h"

#include <map>

#include "core/system_error.h"

namespace kartla::sql {
namespace {

constexpr std::string_view kVersionColumns =
    "SELECT v.id, v.as_of, v.created_at, v.note,"
    " (SELECT COUNT(*) FROM organisations o WHERE o.version_id = v.id)"
    " FROM registry_versions v ";

Value OptionalDate(const std::optional<Date>& date) {
  if (!date) return std::monostate();
  return date->ToString();
}

std::optional<Date> ReadDate(const Row& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  auto date = Date::Parse(row.Text(column));
  if (!date) throw SystemError("bad date in the database: " + row.Text(column));
  return date;
}

RegistryVersionInfo ReadVersionInfo(const Row& row) {
  RegistryVersionInfo info;
  info.id = RegistryVersionId(row.Int(0));
  info.as_of = *ReadDate(row, 1);
  info.created_at = row.Timestamp(2);
  info.note = row.Text(3);
  info.organisation_count = int(row.Int(4));
  return info;
}

std::optional<RegistryVersionInfo> QueryOneVersion(
    Connection& c, std::string_view where_order,
    std::initializer_list<Value> params) {
  std::optional<RegistryVersionInfo> found;
  c.Query(std::string(kVersionColumns) + std::string(where_order), params,
          [&](const Row& row) { found = ReadVersionInfo(row); });
  return found;
}

}  // namespace

RegistryVersionInfo SqlRegistryStore::SaveVersion(const RegistryContent& content,
                                                  TimePoint created_at) {
  RegistryVersionInfo info;
  info.as_of = content.as_of;
  info.created_at = std::chrono::floor<std::chrono::seconds>(created_at);
  info.note = content.note;
  info.organisation_count = int(content.organisations.size());
  database_.Write([&](Connection& c) {
    c.Query(
        "INSERT INTO registry_versions (as_of, created_at, note) "
        "VALUES (?, ?, ?) RETURNING id",
        {content.as_of.ToString(), FormatTimestamp(created_at), content.note},
        [&](const Row& row) { info.id = RegistryVersionId(row.Int(0)); });
    const Value version = info.id.value();
    for (const Organisation& org : content.organisations) {
      c.Execute(
          "INSERT INTO organisations (version_id, code, kind, name_fi, "
          "name_sv, name_en, active_from, active_to) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {version, org.code, std::string(KindCode(org.kind)), org.name.fi,
           org.name.sv, org.name.en, OptionalDate(org.active_from),
           OptionalDate(org.active_to)});
      for (const auto& [name, value] : org.attributes) {
        Value text, integer, number;
        if (const auto* i = std::get_if<int64_t>(&value)) {
          integer = *i;
        } else if (const auto* d = std::get_if<double>(&value)) {
          number = *d;
        } else {
          text = std::get<std::string>(value);
        }
        c.Execute(
            "INSERT INTO organisation_attributes (version_id, code, name, "
            "type, text_value, integer_value, number_value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            {version, org.code, name,
             std::string(AttributeTypeName(TypeOf(value))), text, integer,
             number});
      }
    }
    int64_t position = 0;
    for (const Dimension& dim : content.dimensions) {
      c.Execute(
          "INSERT INTO dimensions (version_id, id, position, rule, attribute, "
          "label_fi, label_sv, label_en, label_attribute_fi, "
          "label_attribute_sv, label_attribute_en) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {version, dim.id, position++, std::string(DimensionRuleName(dim.rule)),
           dim.attribute, dim.label.fi, dim.label.sv, dim.label.en,
           dim.label_attributes.fi, dim.label_attributes.sv,
           dim.label_attributes.en});
      int64_t category_position = 0;
      for (const Category& category : dim.categories) {
        c.Execute(
            "INSERT INTO dimension_categories (version_id, dimension_id, "
            "position, code, label_fi, label_sv, label_en, lower_bound) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {version, dim.id, category_position++, category.code,
             category.label.fi, category.label.sv, category.label.en,
             category.lower_bound ? Value(*category.lower_bound)
                                  : Value(std::monostate())});
      }
    }
  });
  return info;
}

std::vector<RegistryVersionInfo> SqlRegistryStore::ListVersions() {
  return database_.ReadValue([](Connection& c) {
    std::vector<RegistryVersionInfo> versions;
    c.Query(std::string(kVersionColumns) + "ORDER BY v.id", {},
            [&](const Row& row) { versions.push_back(ReadVersionInfo(row)); });
    return versions;
  });
}

std::optional<RegistryVersionInfo> SqlRegistryStore::VersionInForce(Date date) {
  return database_.ReadValue([&](Connection& c) {
    return QueryOneVersion(c, "WHERE v.as_of <= ? ORDER BY v.id DESC LIMIT 1",
                           {date.ToString()});
  });
}

std::optional<RegistryVersionInfo> SqlRegistryStore::LatestVersion() {
  return database_.ReadValue([](Connection& c) {
    return QueryOneVersion(c, "ORDER BY v.id DESC LIMIT 1", {});
  });
}

std::optional<Registry> SqlRegistryStore::LoadVersion(RegistryVersionId id) {
  std::shared_ptr<const Registry> shared = LoadShared(id);
  if (!shared) return std::nullopt;
  return *shared;
}

std::shared_ptr<const Registry> SqlRegistryStore::LoadShared(RegistryVersionId id) {
  {
    std::lock_guard lock(mutex_);
    if (auto found = loaded_.find(id.value()); found != loaded_.end()) return found->second;
  }
  std::optional<Registry> registry = ReadVersion(id);
  if (!registry) return nullptr;
  auto shared = std::make_shared<const Registry>(std::move(*registry));
  std::lock_guard lock(mutex_);
  if (loaded_.size() >= 8) loaded_.erase(loaded_.begin());  // the oldest version
  loaded_.emplace(id.value(), shared);
  return shared;
}

std::optional<Registry> SqlRegistryStore::ReadVersion(RegistryVersionId id) {
  return database_.ReadValue([&](Connection& c) -> std::optional<Registry> {
    auto info = QueryOneVersion(c, "WHERE v.id = ?", {id.value()});
    if (!info) return std::nullopt;
    RegistryContent content;
    content.as_of = info->as_of;
    content.note = info->note;
    const Value version = id.value();
    std::map<std::string, size_t> by_code;
    c.Query(
        "SELECT code, kind, name_fi, name_sv, name_en, active_from, active_to "
        "FROM organisations WHERE version_id = ? ORDER BY code",
        {version}, [&](const Row& row) {
          Organisation org;
          org.code = row.Text(0);
          auto kind = ParseKind(row.Text(1));
          if (!kind) throw SystemError("bad kind in the database: " + row.Text(1));
          org.kind = *kind;
          org.name = {row.Text(2), row.Text(3), row.Text(4)};
          org.active_from = ReadDate(row, 5);
          org.active_to = ReadDate(row, 6);
          by_code.emplace(org.code, content.organisations.size());
          content.organisations.push_back(std::move(org));
        });
    c.Query(
        "SELECT code, name, type, text_value, integer_value, number_value "
        "FROM organisation_attributes WHERE version_id = ?",
        {version}, [&](const Row& row) {
          Organisation& org = content.organisations.at(by_code.at(row.Text(0)));
          auto type = ParseAttributeType(row.Text(2));
          AttributeValue value;
          if (type == AttributeType::kInteger) {
            value = row.Int(4);
          } else if (type == AttributeType::kNumber) {
            value = row.Double(5);
          } else {
            value = row.Text(3);
          }
          org.attributes.emplace(row.Text(1), std::move(value));
        });
    std::map<std::string, size_t> by_dimension;
    c.Query(
        "SELECT id, rule, attribute, label_fi, label_sv, label_en, "
        "label_attribute_fi, label_attribute_sv, label_attribute_en "
        "FROM dimensions WHERE version_id = ? ORDER BY position",
        {version}, [&](const Row& row) {
          Dimension dim;
          dim.id = row.Text(0);
          auto rule = ParseDimensionRule(row.Text(1));
          if (!rule) throw SystemError("bad rule in the database: " + row.Text(1));
          dim.rule = *rule;
          dim.attribute = row.Text(2);
          dim.label = {row.Text(3), row.Text(4), row.Text(5)};
          dim.label_attributes = {row.Text(6), row.Text(7), row.Text(8)};
          by_dimension.emplace(dim.id, content.dimensions.size());
          content.dimensions.push_back(std::move(dim));
        });
    c.Query(
        "SELECT dimension_id, code, label_fi, label_sv, label_en, lower_bound "
        "FROM dimension_categories WHERE version_id = ? "
        "ORDER BY dimension_id, position",
        {version}, [&](const Row& row) {
          Category category;
          category.code = row.Text(1);
          category.label = {row.Text(2), row.Text(3), row.Text(4)};
          if (!row.IsNull(5)) category.lower_bound = row.Int(5);
          content.dimensions.at(by_dimension.at(row.Text(0)))
              .categories.push_back(std::move(category));
        });
    return Registry(*info, std::move(content));
  });
}

}  // namespace kartla::sql
