#include "demo/example_answers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "stats/dataset.h"

namespace kartla::demo {
namespace {

using forms::ItemType;

// Answers one form as an organisation of `level` (0 … 1) would.
class Respondent {
 public:
  // `level` is the organisation's digital maturity and `leadership` how
  // strongly its management leads digitalisation (both 0 … 1).
  Respondent(const forms::Form& form, double level, double leadership, double population,
             std::mt19937& random)
      : form_(form),
        level_(level),
        base_level_(level),
        leadership_(leadership),
        population_(population),
        random_(random) {}

  std::map<std::string, std::string> Answer() {
    std::map<std::string, std::string> answers;
    for (const forms::Item& item : form_.items) {
      if (item.parent >= 0 && stats::IsSplitGroup(form_, form_.items[size_t(item.parent)])) {
        continue;  // below, part by part
      }
      if (item.type == ItemType::kBeginGroup && stats::IsSplitGroup(form_, item)) {
        Split(item, answers);
        continue;
      }
      if (!item.relevant.empty()) continue;  // follow-ups are left unanswered
      // Item non-response: an optional question is sometimes skipped.
      if (!item.required_always && forms::IsQuestion(item.type) && Uniform(0, 1) < 0.08) continue;
      // The questions about leading digitalisation follow the leadership.
      level_ = InGroup(item, "leadership") ? leadership_ : base_level_;
      std::string value = Value(item);
      if (!value.empty()) answers[item.name] = value;
    }
    return answers;
  }

 private:
  bool InGroup(const forms::Item& item, std::string_view group) const {
    for (int parent = item.parent; parent >= 0; parent = form_.items[size_t(parent)].parent) {
      if (form_.items[size_t(parent)].name == group) return true;
    }
    return false;
  }

  double Uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random_);
  }

  // A position on an ordered scale of `count` steps, higher with the level.
  int Step(int count) {
    double position = level_ * (count - 1) + std::normal_distribution<double>(0, 0.8)(random_);
    return std::clamp(int(std::lround(position)), 0, count - 1);
  }

  std::string Value(const forms::Item& item) {
    const forms::ChoiceList* list = form_.ListOf(item);
    switch (item.type) {
      case ItemType::kSelectOne: {
        std::vector<const forms::Choice*> choices;
        const forms::Choice* dont_know = nullptr;
        bool numbered = true;
        for (const forms::Choice& choice : list->choices) {
          if (choice.name == "dont_know" || choice.name == "dk") {
            dont_know = &choice;
          } else if (choice.name != "other") {
            choices.push_back(&choice);
            numbered = numbered && std::isdigit(static_cast<unsigned char>(choice.name[0]));
          }
        }
        if (dont_know && Uniform(0, 1) < 0.06) return dont_know->name;
        // Numbered scales rise with the level; word lists (yes, partly,
        // no) run from the best down.
        int step = Step(int(choices.size()));
        return choices[size_t(numbered ? step : int(choices.size()) - 1 - step)]->name;
      }
      case ItemType::kSelectMultiple: {
        std::string chosen;
        for (const forms::Choice& choice : list->choices) {
          if (choice.name == "other" || choice.name.starts_with("not_")) continue;
          if (Uniform(0, 1) < 0.25 + 0.3 * level_) chosen += (chosen.empty() ? "" : " ") + choice.name;
        }
        return chosen.empty() ? list->choices.front().name : chosen;
      }
      case ItemType::kRange: {
        forms::RangeBounds bounds = forms::RangeOf(item);
        int steps = int(std::lround((bounds.end - bounds.start) / bounds.step)) + 1;
        return fmt::format("{}", bounds.start + Step(steps) * bounds.step);
      }
      case ItemType::kInteger:
      case ItemType::kDecimal: {
        // Amounts in proportion to the population: 1000 € or person-years.
        double per_thousand = item.name.find("staff") != std::string::npos ? Uniform(0.1, 0.4)
                                                                           : Uniform(20, 60);
        double value = population_ / 1000 * per_thousand * (0.8 + 0.4 * level_);
        return item.type == ItemType::kInteger ? fmt::format("{}", std::lround(value))
                                               : fmt::format("{:.1f}", value);
      }
      case ItemType::kAcknowledge: return "OK";
      default: return "";
    }
  }

  // Whole percentages adding up to 100.
  void Split(const forms::Item& group, std::map<std::string, std::string>& answers) {
    std::vector<const forms::Item*> parts;
    for (int i = group.index + 1; i < group.group_end; ++i) {
      const forms::Item& item = form_.items[size_t(i)];
      if (item.parent == group.index &&
          (item.type == ItemType::kInteger || item.type == ItemType::kDecimal)) {
        parts.push_back(&item);
      }
    }
    std::vector<double> shares;
    double sum = 0;
    for (size_t p = 0; p < parts.size(); ++p) sum += shares.emplace_back(Uniform(0.5, 2));
    long left = 100;
    for (size_t p = 0; p < parts.size(); ++p) {
      long share = p + 1 == parts.size() ? left : std::lround(100 * shares[p] / sum);
      share = std::min(share, left);
      left -= share;
      answers[parts[p]->name] = std::to_string(share);
    }
  }

  const forms::Form& form_;
  double level_;
  double base_level_;
  double leadership_;
  double population_;
  std::mt19937& random_;
};

}  // namespace

Result<int> SimulateAnswers(App& app, const std::string& round_code,
                            const SimulationOptions& options) {
  auto round = app.storage().rounds().FindRound(round_code);
  if (!round) return Status::NotFound("there is no round " + round_code);
  auto registry = app.storage().registry().LoadVersion(RegistryVersionId(round->registry_version_id));
  if (!registry) return Status::NotFound("the round's registry version is missing");
  std::mt19937 random(options.seed);
  auto invitations = app.storage().invitations().ListForRound(round->id);
  int submitted = 0;
  for (const rounds::Questionnaire& questionnaire :
       app.storage().rounds().ListQuestionnaires(round->id)) {
    auto form = app.forms().LoadById(questionnaire.form_version_id);
    if (!form.ok()) return form.status();
    std::set<std::string> answered;
    for (const fieldwork::Invitation& invitation : invitations) {
      if (invitation.questionnaire_id != questionnaire.id || invitation.revoked) continue;
      if (options.leave_out.contains(invitation.organisation_code) ||
          !answered.insert(invitation.organisation_code).second) {
        continue;
      }
      const Organisation* organisation = registry->Find(invitation.organisation_code);
      double population =
          organisation ? organisation->NumberAttribute("population").value_or(5000) : 5000;
      // 0 for 1,000 inhabitants or fewer, 1 for 600,000 or more.
      double size = std::clamp(std::log(population / 1000) / std::log(600.0), 0.0, 1.0);
      // The organisation's leadership, the same in every questionnaire:
      // from its code, not from the sequence of draws. Leadership sets the
      // pace of digitalisation: maturity follows it as much as size.
      std::mt19937 own(options.seed ^ uint32_t(std::hash<std::string>()(invitation.organisation_code)));
      double leadership = std::clamp(0.3 + 0.4 * size + std::normal_distribution<double>(0, 0.2)(own),
                                     0.0, 1.0);
      double level =
          std::clamp(0.5 * size + 0.5 * leadership + options.maturity_shift, 0.0, 1.0);
      double rate = options.smallest_rate + (options.largest_rate - options.smallest_rate) * size;
      if (std::uniform_real_distribution<double>(0, 1)(random) >= rate) continue;
      if (app.storage().responses().FindByInvitation(invitation.id)) continue;
      responses::Response response;
      response.invitation_id = invitation.id;
      response.questionnaire_id = questionnaire.id;
      response.form_version_id = questionnaire.form_version_id;
      if (questionnaire.policy == rounds::ResponsePolicy::kOnePerOrganisation) {
        response.slot = fmt::format("{}:{}", questionnaire.id, invitation.organisation_code);
      }
      response.started_at = response.updated_at = app.clock().Now();
      // What a respondent starts with (the prefilled facts), then the answers.
      response.answers =
          forms::PrefilledAnswers(form->form,
                                  fieldwork::InvitationService::PrefillFacts(invitation, *registry));
      response.answers.merge(
          Respondent(form->form, level, std::clamp(leadership + options.maturity_shift, 0.0, 1.0),
                     population, random)
              .Answer());
      responses::Response created = app.storage().responses().Create(response);
      if (app.storage().responses().Submit(created.id, fmt::format("DEMO-{}", created.id),
                                           app.clock().Now())) {
        // The invitation's state says so, as a respondent's submission
        // records it (no thank-you: the demo mails nothing by itself), so
        // that the invitations list, monitoring and the reminders agree.
        app.storage().invitations().RecordSubmitted(invitation.id, app.clock().Now(), false);
        ++submitted;
      }
    }
  }
  return submitted;
}

Result<int> CreateEarlierRound(App& app, const std::string& round_code, int year,
                               const SimulationOptions& options) {
  auto later = app.rounds().Show(round_code);
  if (!later.ok()) return later.status();
  rounds::CreateRoundRequest request;
  request.series_code = later->series.code;
  request.code = fmt::format("{}-{}", later->series.code, year);
  request.year = year;
  request.title = {fmt::format("Digitalisaatiokartoitus {}", year),
                   fmt::format("Digitaliseringskartläggning {}", year),
                   fmt::format("Digitalisation mapping {}", year)};
  request.registry_version = later->round.registry_version_id;
  auto round = app.rounds().CreateRound(request);
  if (!round.ok()) return round.status();
  auto invitations = app.storage().invitations().ListForRound(later->round.id);
  for (const rounds::QuestionnaireView& view : later->questionnaires) {
    rounds::AddQuestionnaireRequest add;
    add.round_code = round->code;
    add.form_id = view.form.form_id;
    add.form_version = view.form.number;
    add.target_group = view.questionnaire.target_group.code;
    add.policy = view.questionnaire.policy;
    auto added = app.rounds().AddQuestionnaire(add);
    if (!added.ok()) return added.status();
    std::set<std::string> invited;
    for (const fieldwork::Invitation& invitation : invitations) {
      if (invitation.questionnaire_id != view.questionnaire.id || invitation.revoked ||
          !invited.insert(invitation.organisation_code).second) {
        continue;
      }
      auto issued = app.invitations().Create({round->code, add.target_group,
                                              invitation.organisation_code, invitation.language});
      if (!issued.ok()) return issued.status();
    }
  }
  return SimulateAnswers(app, round->code, options);
}

}  // namespace kartla::demo
