#include "responses/answering.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "forms/form_builder.h"
#include "forms/workbook.h"

namespace kartla::responses {
namespace {

// The form of a survey sheet (and a choices sheet) in CSV; nullopt, with
// the test failed, if it does not check.
std::optional<forms::Form> FormOf(std::string survey, std::string choices = "") {
  forms::CsvFormFiles files;
  files.name = "t";
  files.survey_file = "t.survey.csv";
  files.survey = std::move(survey);
  if (!choices.empty()) {
    files.choices_file = "t.choices.csv";
    files.choices = std::move(choices);
  }
  auto workbook = forms::ReadCsvForm(files);
  EXPECT_TRUE(workbook.ok()) << workbook.status().ToString();
  if (!workbook.ok()) return std::nullopt;
  forms::FormCheck check = forms::BuildForm(*workbook);
  EXPECT_TRUE(check.ok());
  return std::move(check.form);
}

// A one-page form whose "other" choice reveals a required follow-up on
// the same page, as the chief executives' "Otherwise, how?" does.
class RevealedQuestionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<forms::Form> form = FormOf(
        "type,name,label,required,relevant,appearance\n"
        "begin group,p,Page,,,field-list\n"
        "select_multiple measures,measure,How?,yes,,\n"
        "text,measure_other,How otherwise?,yes,\"selected(${measure}, 'other')\",\n"
        "integer,staff,Staff,,,\n"
        "end group,,,,,\n",
        "list_name,name,label\nmeasures,money,Money\nmeasures,other,Otherwise\n");
    ASSERT_TRUE(form);
    form_ = std::move(*form);
    graph_ = std::make_unique<forms::DependencyGraph>(form_);
    pages_ = PagesOf(form_);
    ASSERT_EQ(pages_.size(), 1u);
  }

  std::vector<std::string> Codes(const std::vector<AnswerError>& errors) {
    std::vector<std::string> out;
    for (const AnswerError& error : errors) out.push_back(error.name + " " + error.code);
    return out;
  }

  forms::Form form_;
  std::unique_ptr<forms::DependencyGraph> graph_;
  std::vector<Page> pages_;
};

TEST_F(RevealedQuestionTest, RevealingAQuestionIsNoError) {
  std::map<std::string, std::string> saved;
  Answering answering(form_, *graph_, pages_, saved, Lang::kEn, "2026-12-03");
  std::map<std::string, std::string> changes;
  // Ticking "Otherwise" reveals the follow-up, which the respondent has
  // not seen: the page is valid, and saved.
  EXPECT_EQ(Codes(answering.Post(0, {{"measure", {"other"}}, {"staff", {"3"}}}, changes)),
            std::vector<std::string>{});
  EXPECT_EQ(changes["measure"], "other");
  EXPECT_TRUE(answering.state().Relevant(form_.FindItem("measure_other")->index));

  // Shown again with it, left empty: now it is required.
  Answering again(form_, *graph_, pages_, changes, Lang::kEn, "2026-12-03");
  std::map<std::string, std::string> next;
  EXPECT_EQ(Codes(again.Post(0, {{"measure", {"other"}}, {"staff", {"3"}}}, next)),
            std::vector<std::string>{"measure_other required"});
  // Filled: one press suffices.
  Answering filled(form_, *graph_, pages_, changes, Lang::kEn, "2026-12-03");
  EXPECT_EQ(Codes(filled.Post(0, {{"measure", {"other"}}, {"measure_other", {"By law"}}}, next)),
            std::vector<std::string>{});
  EXPECT_EQ(next["measure_other"], "By law");
}

TEST_F(RevealedQuestionTest, ARevealedQuestionAnsweredAtOnceIsChecked) {
  // With the page's script the follow-up is shown at once and may be
  // filled in the same post; what was typed is checked as ever, and a
  // question that was visible before is required as ever.
  std::map<std::string, std::string> saved;
  Answering answering(form_, *graph_, pages_, saved, Lang::kEn, "2026-12-03");
  std::map<std::string, std::string> changes;
  EXPECT_EQ(Codes(answering.Post(0, {{"measure_other", {"By law"}}, {"staff", {"x"}}}, changes)),
            (std::vector<std::string>{"measure required", "staff not_integer"}));
  EXPECT_EQ(changes["measure_other"], "") << "not relevant: cleared";
}

// A consent box left unticked says what ticking it is for: its own
// message, not "Answer this question".
TEST(AnsweringTest, AnUntickedConsentBoxAsksForItsTick) {
  std::optional<forms::Form> form = FormOf(
      "type,name,label,required\n"
      "acknowledge,consent,I understand that answers are published only for groups,yes\n"
      "integer,staff,Staff,yes\n");
  ASSERT_TRUE(form);
  forms::DependencyGraph graph(*form);
  std::vector<Page> pages = PagesOf(*form);
  std::map<std::string, std::string> saved, changes;
  Answering answering(*form, graph, pages, saved, Lang::kFi, "2026-12-03");
  std::vector<std::string> codes;
  for (int p = 0; p < int(pages.size()); ++p) {
    for (const AnswerError& error : answering.Post(p, {}, changes)) codes.push_back(error.code);
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"acknowledge_required", "required"}));
}

// A date typed as day, month and year (the page's three fields): stored
// as "YYYY-MM-DD"; the 31st of February, a two-digit year or a word is
// refused and kept as typed for the page to show again; three empty fields
// are no answer; the whole date in one field (an older page, a client of
// its own) still counts.
TEST(AnsweringTest, ADateComesAsDayMonthAndYear) {
  std::optional<forms::Form> form = FormOf(
      "type,name,label,required\n"
      "date,adopted,When was the strategy adopted?,yes\n");
  ASSERT_TRUE(form);
  forms::DependencyGraph graph(*form);
  std::vector<Page> pages = PagesOf(*form);
  std::map<std::string, std::string> saved;
  auto post = [&](std::map<std::string, std::vector<std::string>> values) {
    Answering answering(*form, graph, pages, saved, Lang::kFi, "2026-12-03");
    std::map<std::string, std::string> changes;
    std::vector<AnswerError> errors = answering.Post(0, values, changes);
    return std::pair{errors.empty() ? std::string() : errors[0].code,
                     answering.Answer(form->FindItem("adopted")->index)};
  };
  EXPECT_EQ(post({{"adopted-day", {" 1"}}, {"adopted-month", {"5 "}}, {"adopted-year", {"2024"}}}),
            (std::pair<std::string, std::string>{"", "2024-05-01"}));
  EXPECT_EQ(post({{"adopted-day", {"31"}}, {"adopted-month", {"2"}}, {"adopted-year", {"2024"}}}),
            (std::pair<std::string, std::string>{"not_date", "2024-02-31"}));
  EXPECT_EQ(post({{"adopted-day", {"15"}}, {"adopted-month", {"11"}}, {"adopted-year", {"24"}}}),
            (std::pair<std::string, std::string>{"not_date", "24-11-15"}));
  EXPECT_EQ(post({{"adopted-day", {"15"}}, {"adopted-month", {"marras-"}}, {"adopted-year", {"2024"}}}),
            (std::pair<std::string, std::string>{"not_date", "2024-marras-15"}));
  EXPECT_EQ(post({{"adopted-day", {""}}, {"adopted-month", {""}}, {"adopted-year", {""}}}),
            (std::pair<std::string, std::string>{"required", ""}));
  EXPECT_EQ(post({{"adopted", {"2024-05-01"}}}),
            (std::pair<std::string, std::string>{"", "2024-05-01"}));
  // Shown again: a date without leading zeros, anything else as typed.
  EXPECT_EQ(DatePartsOf("2024-05-01").day, "1");
  EXPECT_EQ(DatePartsOf("2024-05-01").month, "5");
  EXPECT_EQ(DatePartsOf("2024-marras-15").month, "marras");
  EXPECT_EQ(DatePartsOf("24-11-15").year, "24");
  EXPECT_EQ(DatePartsOf("1.5.2024").year, "1.5.2024");
  EXPECT_EQ(DatePartsOf("").day, "");
}

// A page with errors keeps the rest as a draft: the refused answers and
// their "other" texts are left as stored.
TEST(AnsweringTest, APageWithErrorsKeepsTheRestAsADraft) {
  const std::map<std::string, std::string> changes{
      {"costs", "1250.5"}, {"staff", "lots"}, {"provider", "other"}, {"provider_other", ""},
      {"why", ""}};
  const std::vector<AnswerError> errors{{"staff", "not_integer", {}},
                                        {"provider", "other_missing", {}}};
  EXPECT_EQ(DraftOfPage(changes, errors),
            (std::map<std::string, std::string>{{"costs", "1250.5"}, {"why", ""}}));
  EXPECT_EQ(DraftOfPage(changes, {}), changes);
}

// The start page's estimate, from the questions asked: a choice 10 s, a
// number 40 s, a text a minute; to the next 5 minutes above 10; a
// question not asked counts nothing.
TEST(AnsweringTest, TheTimeToAnswerComesFromTheQuestionsAsked) {
  std::string survey =
      "type,name,label,relevant\n"
      "select_one yn,asked,Asked?,\n"
      "integer,staff,Staff,\n"
      "text,why,Why?,${asked} = 'yes'\n";
  std::optional<forms::Form> form = FormOf(survey, "list_name,name,label\nyn,yes,Yes\nyn,no,No\n");
  ASSERT_TRUE(form);
  forms::DependencyGraph graph(*form);
  std::vector<Page> pages = PagesOf(*form);
  Answering without(*form, graph, pages, {}, Lang::kEn, "2026-12-03");
  EXPECT_EQ(without.MinutesToAnswer(), 1);  // 50 s
  Answering with(*form, graph, pages, {{"asked", "yes"}}, Lang::kEn, "2026-12-03");
  EXPECT_EQ(with.MinutesToAnswer(), 2);  // 110 s
  std::string many = "type,name,label\n";
  for (int i = 0; i < 20; ++i) many += "integer,n" + std::to_string(i) + ",N\n";
  std::optional<forms::Form> figures = FormOf(many);
  ASSERT_TRUE(figures);
  forms::DependencyGraph figures_graph(*figures);
  std::vector<Page> figure_pages = PagesOf(*figures);
  EXPECT_EQ(Answering(*figures, figures_graph, figure_pages, {}, Lang::kEn, "2026-12-03")
                .MinutesToAnswer(),
            15);  // 800 s: 14 min, to the next 5
}

}  // namespace
}  // namespace kartla::responses
