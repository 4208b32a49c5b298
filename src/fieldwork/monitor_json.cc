// The monitor's figures as JSON and CSV, kept apart so that only this file
// includes Boost.JSON.
#include <boost/json.hpp>

#include "core/csv.h"
#include "fieldwork/monitor.h"

namespace kartla::fieldwork {
namespace {

namespace json = boost::json;

json::object CountsJson(const StatusCounts& counts) {
  return {{"invited", counts.invited},     {"opened", counts.opened},
          {"partial", counts.partial},     {"submitted", counts.submitted},
          {"declined", counts.declined},   {"bounced", counts.bounced}};
}

}  // namespace

std::string MonitorJson(const RoundMonitor& monitor, Lang lang) {
  json::object root;
  root["round"] = {{"code", monitor.round.code},
                   {"title", monitor.round.title.Get(lang)},
                   {"year", monitor.round.year}};
  root["target_group"] = monitor.target_group ? json::value(*monitor.target_group)
                                              : json::value(nullptr);
  root["total"] = CountsJson(monitor.total);
  json::array groups;
  for (const GroupProgress& group : monitor.groups) {
    json::object item = CountsJson(group.counts);
    item["target_group"] = group.target_group;
    item["label"] = group.label.Get(lang);
    groups.push_back(std::move(item));
  }
  root["target_groups"] = std::move(groups);
  const Coverage& c = monitor.coverage;
  root["coverage"] = {{"answered", c.answered},
                      {"invited", c.invited},
                      {"mainland_answered", c.mainland_answered},
                      {"mainland_municipalities", c.mainland_municipalities},
                      {"population_answered", c.population_answered},
                      {"population_total", c.population_total},
                      {"text", CoverageSentence(c, lang)}};
  json::object dimensions;
  for (const DimensionRates& dimension : monitor.dimensions) {
    json::array categories;
    for (const CategoryRate& category : dimension.categories) {
      categories.push_back({{"code", category.code},
                            {"label", category.label.Get(lang)},
                            {"invited", category.invited},
                            {"answered", category.answered}});
    }
    dimensions[dimension.id] = {{"label", dimension.label.Get(lang)},
                                {"categories", std::move(categories)}};
  }
  root["dimensions"] = std::move(dimensions);
  json::array days;
  for (const DayCount& day : monitor.days) {
    days.push_back({{"date", day.date.ToString()},
                    {"submitted", day.submitted},
                    {"cumulative", day.cumulative}});
  }
  root["submissions_by_day"] = std::move(days);
  json::array mail;
  for (const MailDay& day : monitor.mail) {
    mail.push_back({{"date", day.date.ToString()},
                    {"kind", MailKindCode(day.kind)},
                    {"sent", day.sent}});
  }
  root["mail_by_day"] = std::move(mail);
  json::array unanswered;
  for (const Unanswered& org : monitor.unanswered) {
    json::object groups_status;
    for (const auto& [group, status] : org.groups) groups_status[group] = StatusCode(status);
    json::object categories;
    for (const auto& [id, code] : org.categories) categories[id] = code;
    unanswered.push_back({{"code", org.code},
                          {"name", org.name.Get(lang)},
                          {"target_groups", std::move(groups_status)},
                          {"categories", std::move(categories)}});
  }
  root["unanswered"] = std::move(unanswered);
  return json::serialize(root);
}

std::string UnansweredCsv(const RoundMonitor& monitor,
                          const std::vector<std::string>& dimensions, Lang lang,
                          const std::map<int64_t, Contact>* contacts) {
  std::vector<std::string> header{"code", "name"};
  header.insert(header.end(), dimensions.begin(), dimensions.end());
  for (const GroupProgress& group : monitor.groups) header.push_back(group.target_group);
  if (contacts != nullptr) {
    for (const GroupProgress& group : monitor.groups) {
      header.push_back(group.target_group + "_name");
      header.push_back(group.target_group + "_email");
    }
  }
  std::string csv = "\xEF\xBB\xBF" + FormatCsvRecord(header);
  for (const Unanswered& org : monitor.unanswered) {
    std::vector<std::string> record{org.code, org.name.Get(lang)};
    for (const std::string& id : dimensions) {
      auto found = org.categories.find(id);
      record.push_back(found == org.categories.end() ? "" : found->second);
    }
    for (const GroupProgress& group : monitor.groups) {
      std::string status;
      for (const auto& [code, value] : org.groups) {
        if (code == group.target_group) status = std::string(StatusCode(value));
      }
      record.push_back(status);
    }
    if (contacts != nullptr) {
      for (const GroupProgress& group : monitor.groups) {
        auto id = org.contact_ids.find(group.target_group);
        auto contact = id == org.contact_ids.end() ? contacts->end() : contacts->find(id->second);
        record.push_back(contact == contacts->end() ? "" : contact->second.name);
        record.push_back(contact == contacts->end() ? "" : contact->second.email);
      }
    }
    csv += FormatCsvRecord(record);
  }
  return csv;
}

}  // namespace kartla::fieldwork
