// Distributions with disclosure control on datasets built in memory:
// property tests on thousands of random tables (single and multiple choice,
// with and without respondents outside every group) through the audit of
// the whole published table, groups, bases and total line together.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <random>

#include "core/parallel.h"
#include "stats/dataset.h"

namespace kartla::stats {
namespace {

// A dataset of one question over `groups` groups, random answers.
Dataset RandomDataset(std::mt19937& random, bool multiple, size_t groups, size_t choices,
                      bool with_unclassified) {
  Dataset data;
  data.rows = 3 + random() % 120;
  DatasetColumn column;
  column.name = "q";
  column.kind = multiple ? DatasetColumn::Kind::kMultiple : DatasetColumn::Kind::kChoice;
  for (size_t j = 0; j < choices; ++j) {
    column.choices.push_back("c" + std::to_string(j));
    column.choice_labels.emplace_back();
  }
  DatasetDimension dimension;
  dimension.id = "g";
  for (size_t g = 0; g < groups; ++g) {
    dimension.categories.push_back("g" + std::to_string(g));
    dimension.category_labels.emplace_back();
  }
  // Skewed answers, so that small cells are common.
  std::vector<double> weights;
  for (size_t j = 0; j < choices; ++j) weights.push_back(1.0 + double(random() % 20));
  std::discrete_distribution<int> pick(weights.begin(), weights.end());
  for (size_t i = 0; i < data.rows; ++i) {
    if (multiple) {
      uint64_t bits = 0;
      for (size_t j = 0; j < choices; ++j) {
        if (random() % 3 == 0) bits |= uint64_t(1) << j;
      }
      column.bits.push_back(bits);
    } else {
      column.codes.push_back(random() % 10 == 0 ? int16_t(-1) : int16_t(pick(random)));
    }
    int group = int(random() % (groups * groups)) % int(groups);  // uneven groups
    if (with_unclassified && random() % 8 == 0) group = -1;
    dimension.codes.push_back(group);
  }
  data.columns.push_back(std::move(column));
  data.dimensions.push_back(std::move(dimension));
  return data;
}

TEST(DistributionTest, NoPublishedCellIsUnsafeAndNoHiddenOneCanBeRecovered) {
  std::mt19937 random(22112026);
  int tables = 0, hidden_cells = 0, total_line_hidden = 0, zero_columns = 0;
  for (int round = 0; round < 3000; ++round) {
    const bool multiple = round % 3 == 0;
    const size_t groups = 1 + random() % 7, choices = 2 + random() % 5;
    Dataset data = RandomDataset(random, multiple, groups, choices, round % 4 == 0);
    DisclosureRules rules{int(2 + random() % 6), int(random() % 13)};
    const bool by_group = round % 5 != 0;
    auto table = Distribute(data, data.columns[0], by_group ? &data.dimensions[0] : nullptr, rules);
    ASSERT_TRUE(table.has_value());
    ++tables;
    std::vector<AuditFinding> findings = AuditDistribution(*table, rules);
    ASSERT_TRUE(findings.empty()) << "table " << round << ": group " << findings[0].group
                                  << " category " << findings[0].category << ": "
                                  << findings[0].problem;
    for (size_t g = 0; g < table->groups.size(); ++g) {
      for (size_t j = 0; j < choices; ++j) {
        hidden_cells += table->suppressed[g][j];
        if (g + 1 == table->groups.size()) total_line_hidden += table->suppressed[g][j];
        if (table->suppressed[g][j]) continue;
        int count = table->counts[g][j];
        ASSERT_FALSE(count > 0 && count < rules.k) << "table " << round << ": a cell under k";
      }
    }
    // What the published numbers give away anyway is published: no cell
    // of a choice whose published total is 0 is hidden, unless a line the
    // rules hide on their own (a small group's 0 %, a line under k) is in
    // the column: the equations alone must not recover that one either.
    const size_t total = table->groups.size() - 1;
    for (size_t j = 0; j < choices; ++j) {
      if (table->suppressed[total][j] || table->counts[total][j] != 0) continue;
      bool primary = false;
      for (size_t g = 0; g < total; ++g) {
        primary = primary || table->base_suppressed[g] ||
                  (table->base[g] > 0 && table->base[g] < rules.small_group);
      }
      if (primary) continue;
      ++zero_columns;
      for (size_t g = 0; g < total; ++g) {
        EXPECT_FALSE(table->suppressed[g][j])
            << "table " << round << ": group " << g << " hides a 0 its column gives away";
      }
    }
  }
  EXPECT_EQ(tables, 3000);
  EXPECT_GT(zero_columns, 50) << "the tables must have choices nobody took";
  EXPECT_GT(hidden_cells, 5000) << "the tables must exercise the rules";
  EXPECT_GT(total_line_hidden, 300);
}

TEST(DistributionTest, CrossedWithBothMarginsNothingCanBeRecovered) {
  std::mt19937 random(20261123);
  int hidden_margins = 0;
  for (int round = 0; round < 400; ++round) {
    const bool multiple = round % 3 == 0;
    const size_t a_count = 2 + random() % 4, b_count = 2 + random() % 3, choices = 2 + random() % 3;
    Dataset data = RandomDataset(random, multiple, a_count, choices, round % 4 == 0);
    DatasetDimension second;
    second.id = "h";
    for (size_t b = 0; b < b_count; ++b) {
      second.categories.push_back("h" + std::to_string(b));
      second.category_labels.emplace_back();
    }
    for (size_t i = 0; i < data.rows; ++i) {
      second.codes.push_back(round % 4 == 1 && random() % 9 == 0 ? -1 : int(random() % b_count));
    }
    DisclosureRules rules{int(2 + random() % 5), int(random() % 12)};
    auto table = DistributeCrossed(data, data.columns[0], data.dimensions[0], second, rules);
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->groups.size(), a_count * b_count + a_count + b_count + 1);
    std::vector<AuditFinding> findings = AuditDistribution(*table, rules);
    ASSERT_TRUE(findings.empty()) << "table " << round << ": line " << findings[0].group
                                  << " category " << findings[0].category << ": "
                                  << findings[0].problem;
    for (size_t l = a_count * b_count; l + 1 < table->groups.size(); ++l) {
      for (size_t j = 0; j < choices; ++j) hidden_margins += table->suppressed[l][j];
    }
  }
  EXPECT_GT(hidden_margins, 100) << "margins must be protected as well as cells";
}

// Built by hand: Uusimaa 6/2, Southwest 5/5, total 11/7, k = 5.
Distribution Example() {
  Distribution table;
  table.categories = {"own", "company"};
  table.groups = {"01", "02", "total"};
  table.counts = {{6, 2}, {5, 5}, {11, 7}};
  table.base = {8, 10, 18};
  table.unpublished = {{0, 0}};
  table.unpublished_base = {0};
  table.suppressed = {{false, false}, {false, false}, {false, false}};
  table.base_suppressed = {false, false, false};
  return table;
}

TEST(DistributionTest, TheAuditFindsACellTheTotalLineGivesAway) {
  DisclosureRules rules{5, 0};
  Distribution table = Example();
  auto findings = AuditDistribution(table, rules);
  ASSERT_EQ(findings.size(), 1u) << "the 2 is published";
  EXPECT_EQ(findings[0].group, 0);
  EXPECT_EQ(findings[0].category, 1);
  // Hiding it alone: its group's base gives it away.
  table.suppressed[0][1] = true;
  findings = AuditDistribution(table, rules);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].problem.find("recovered"), std::string::npos);
  // A rectangle within the groups is safe only while the total line hides
  // nothing that closes it: 2 + 5 hidden in the "company" column and 6 + 5
  // in "own" leave every hidden cell one free parameter.
  table.suppressed = {{true, true}, {true, true}, {false, false}};
  EXPECT_TRUE(AuditDistribution(table, rules).empty());
}

// The attack of issue 19 (Satakunta, "own ICT unit" = 12 − 6 − 5 − 0):
// no hidden value is fixed by the equations alone, but a column whose
// published total is 0 makes its hidden cells 0, and then the rest follow.
TEST(DistributionTest, TheAuditFindsWhatTheBoundsGiveAway) {
  Distribution table;
  table.categories = {"own", "company", "partner", "other"};
  table.groups = {"04", "05", "total"};
  table.counts = {{1, 6, 5, 0}, {5, 10, 5, 0}, {6, 16, 10, 0}};
  table.base = {12, 20, 32};
  table.unpublished = {{0, 0, 0, 0}};
  table.unpublished_base = {0};
  table.suppressed = {{true, false, false, true}, {true, false, false, true},
                      {false, false, false, false}};
  table.base_suppressed = {false, false, false};
  const DisclosureRules rules{5, 0};
  std::vector<AuditFinding> findings = AuditDistribution(table, rules);
  ASSERT_EQ(findings.size(), 1u) << "only the 1 is under k";
  EXPECT_EQ(findings[0].group, 0);
  EXPECT_EQ(findings[0].category, 0);
  EXPECT_NE(findings[0].problem.find("between 1 and 1"), std::string::npos)
      << findings[0].problem;
  // Hiding "company" in both lines as well leaves it anything from 0 to 6
  // (all of the "own" total).
  table.suppressed[0][1] = table.suppressed[1][1] = true;
  findings = AuditDistribution(table, rules);
  EXPECT_TRUE(findings.empty()) << findings[0].problem;
}

TEST(DistributionTest, AllOrNoneInASmallGroupIsHidden) {
  Dataset data;
  data.rows = 9;
  DatasetColumn column;
  column.name = "strategy";
  column.kind = DatasetColumn::Kind::kChoice;
  column.choices = {"yes", "no"};
  column.choice_labels.resize(2);
  // Group a: 6 respondents, all "yes"; group b: 3 yes, ... 
  column.codes = {0, 0, 0, 0, 0, 0, 0, 1, 1};
  DatasetDimension dimension;
  dimension.id = "g";
  dimension.categories = {"a", "b"};
  dimension.category_labels.resize(2);
  dimension.codes = {0, 0, 0, 0, 0, 0, 1, 1, 1};
  data.columns.push_back(column);
  data.dimensions.push_back(dimension);
  // k = 1: only the rule of all or none can hide anything.
  auto open = Distribute(data, data.columns[0], &data.dimensions[0], {1, 0});
  EXPECT_FALSE(open->suppressed[0][0]) << "the rule is off";
  auto guarded = Distribute(data, data.columns[0], &data.dimensions[0], {1, 10});
  EXPECT_TRUE(guarded->suppressed[0][0]) << "all 6 of group a said yes";
  EXPECT_TRUE(guarded->suppressed[0][1]) << "none of them said no";
  EXPECT_TRUE(AuditDistribution(*guarded, {1, 10}).empty());
  // In a group of 10 or more it may be shown.
  auto big = Distribute(data, data.columns[0], &data.dimensions[0], {1, 6});
  EXPECT_FALSE(big->suppressed[0][0]);
}

// Regions into major regions: six regions in two major regions; the
// regions with enough respondents keep their lines, the rest of a major
// region is one line, and what is still too small goes to "Others".
TEST(MergeTest, SmallRegionsJoinTheirMajorRegion) {
  DatasetDimension region;
  region.id = "region";
  region.categories = {"01", "02", "04", "05", "06", "21"};
  region.category_labels = {{"Uusimaa", "Nyland", "Uusimaa"}, {"V-S", "E", "VS"},
                            {"Sata", "Sata", "Sata"},          {"K-H", "E", "KH"},
                            {"Pirk", "Birk", "Pirk"},          {"Ahv", "Åland", "Åland"}};
  DatasetDimension major;
  major.id = "major_region";
  major.categories = {"FI1B", "FI1C", "FI19", "FI20"};
  major.category_labels = {{"Helsinki-Uusimaa", "Helsingfors-Nyland", "Helsinki-Uusimaa"},
                           {"Etelä-Suomi", "Södra Finland", "Southern Finland"},
                           {"Länsi-Suomi", "Västra Finland", "Western Finland"},
                           {"Ahvenanmaa", "Åland", "Åland"}};
  // One organisation per region in the population, in each's major region.
  region.population_codes = {0, 1, 2, 3, 4, 5};
  major.population_codes = {0, 1, 2, 1, 2, 3};
  // Respondents: Uusimaa 12, V-S 3, Sata 11, K-H 4, Pirk 2, Åland 1, one
  // without a region.
  for (auto [code, count] : {std::pair{0, 12}, {1, 3}, {2, 11}, {3, 4}, {4, 2}, {5, 1}}) {
    region.codes.insert(region.codes.end(), size_t(count), code);
  }
  region.codes.push_back(-1);
  DatasetDimension merged = MergeSmallCategories(region, major, 10);
  EXPECT_EQ(merged.id, "region");
  EXPECT_EQ(merged.categories,
            (std::vector<std::string>{"01", "04", "other"}));
  // V-S and K-H are 7 together (under 10): they go to the others with
  // Pirkanmaa's 2 and Åland's 1.
  EXPECT_EQ(merged.category_labels[2].en, "Others");
  std::vector<int> counts(merged.categories.size(), 0);
  for (int code : merged.codes) {
    if (code >= 0) ++counts[size_t(code)];
  }
  EXPECT_EQ(counts, (std::vector<int>{12, 11, 10}));
  EXPECT_EQ(merged.codes.back(), -1);
  EXPECT_EQ(merged.population_codes, (std::vector<int>{0, 2, 1, 2, 2, 2}));

  // With a minimum of 5: V-S and K-H (7) become "Etelä-Suomi", named so
  // since none of its regions kept a line; Pirkanmaa's 2 and Åland's 1 go
  // to the others.
  DatasetDimension five = MergeSmallCategories(region, major, 5);
  EXPECT_EQ(five.categories, (std::vector<std::string>{"01", "FI1C", "04", "other"}));
  EXPECT_EQ(five.category_labels[1].fi, "Etelä-Suomi");
  // With a minimum of 3, V-S and K-H keep their lines.
  DatasetDimension three = MergeSmallCategories(region, major, 3);
  EXPECT_EQ(three.categories, (std::vector<std::string>{"01", "02", "05", "04", "other"}));
  // A major region some of whose regions keep their lines: the rest of it
  // is "Muu …" (Keski-Suomi's 3 and Pirkanmaa's 2 beside Satakunta's 11).
  region.categories.push_back("13");
  region.category_labels.push_back({"K-S", "M-F", "C-F"});
  region.population_codes.push_back(6);
  major.population_codes.push_back(2);
  region.codes.insert(region.codes.end(), 3, 6);
  DatasetDimension rest = MergeSmallCategories(region, major, 5);
  EXPECT_EQ(rest.categories, (std::vector<std::string>{"01", "FI1C", "04", "FI19", "other"}));
  EXPECT_EQ(rest.category_labels[3].fi, "Muu Länsi-Suomi");
  EXPECT_EQ(rest.category_labels[3].sv, "Övriga Västra Finland");
  EXPECT_EQ(rest.category_labels[3].en, "Rest of Western Finland");
  // The reader is told what each new line holds.
  EXPECT_EQ(MergeNote(rest, Lang::kEn),
            "Lines of fewer than 5 respondents are merged: Southern Finland = VS, KH; "
            "Rest of Western Finland = Pirk, C-F; Others = Åland.");
  EXPECT_EQ(MergeNote(rest, Lang::kFi),
            "Alle 5 vastaajan rivit on yhdistetty: Etelä-Suomi = V-S, K-H; "
            "Muu Länsi-Suomi = Pirk, K-S; Muut = Ahv.");
  EXPECT_EQ(MergeNote(region, Lang::kSv), "");
  // Each line's make-up, by code: "FI19" holds Pirkanmaa and Keski-Suomi
  // here, and with a minimum of 3 held nothing (both kept lines of their
  // own): the same code, other organisations.
  EXPECT_EQ(LineMakeUp(rest), (std::vector<std::vector<std::string>>{
                                  {}, {"02", "05"}, {}, {"06", "13"}, {"21"}}));
}

// Two versions' lines that hold the same organisations, whatever their
// codes: a merged line against the lines it splits into, a line kept as
// it was against itself, the total against the total; a line whose
// categories the other version puts with others that do not add up is
// matched with them all.
TEST(MergeTest, VersionsMatchLinesByWhatTheyHold) {
  const std::vector<std::string> then_codes{"FI1C", "04", "FI19", "other", "total"};
  const std::vector<std::vector<std::string>> then_members{
      {"02", "05"}, {}, {"06", "13"}, {"21"}, {}};
  // Now: V-S alone, K-H with Pirkanmaa as the rest of... (made up), Keski-Suomi
  // alone, Satakunta as it was, Åland as it was (under "other").
  const std::vector<std::string> now_codes{"02", "FI1C", "13", "04", "other", "total"};
  const std::vector<std::vector<std::string>> now_members{{}, {"05", "06"}, {}, {}, {"21"}, {}};
  const std::vector<LineMatch> matches =
      MatchMakeUp(then_codes, then_members, now_codes, now_members);
  ASSERT_EQ(matches.size(), 4u);
  // FI1C (02, 05) and FI19 (06, 13) then; 02, FI1C (05, 06) and 13 now.
  EXPECT_EQ(matches[0].then, (std::vector<size_t>{0, 2}));
  EXPECT_EQ(matches[0].now, (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(matches[1].then, std::vector<size_t>{1});
  EXPECT_EQ(matches[1].now, std::vector<size_t>{3});
  EXPECT_EQ(matches[2].then, std::vector<size_t>{3});
  EXPECT_EQ(matches[2].now, std::vector<size_t>{4});
  EXPECT_EQ(matches[3].then, std::vector<size_t>{4});
  EXPECT_EQ(matches[3].now, std::vector<size_t>{5});
  // Codes alone would have matched FI1C with FI1C, which holds others now.
  const std::vector<LineMatch> by_code = MatchMakeUp(then_codes, {}, now_codes, {});
  EXPECT_EQ(by_code[0].then, std::vector<size_t>{0});
  EXPECT_EQ(by_code[0].now, std::vector<size_t>{1});
}

// Size classes into wider bands: the smallest band under the minimum
// joins its smaller neighbour, until every band has the minimum; joined
// bands are named by their range in three languages.
TEST(MergeTest, SmallSizeClassesJoinTheirNeighbours) {
  DatasetDimension size;
  size.id = "size_class";
  const std::vector<int64_t> lower = {0, 2000, 5000, 10000, 20000, 50000, 100000};
  for (size_t i = 0; i < lower.size(); ++i) {
    std::optional<int64_t> next;
    if (i + 1 < lower.size()) next = lower[i + 1];
    Category band = BandCategory(lower[i], next);
    size.categories.push_back(band.code);
    size.category_labels.push_back(band.label);
    size.population_codes.push_back(int(i));
  }
  size.lower_bounds = lower;
  // Respondents: 25, 4, 6, 30, 12, 3, 2 and one without a size.
  for (auto [code, count] :
       {std::pair{0, 25}, {1, 4}, {2, 6}, {3, 30}, {4, 12}, {5, 3}, {6, 2}}) {
    size.codes.insert(size.codes.end(), size_t(count), code);
  }
  size.codes.push_back(-1);
  DatasetDimension merged = MergeSmallNeighbours(size, 10);
  // 100,000- (2) joins 50,000–99,999 (3); 2,000–4,999 (4) joins
  // 5,000–9,999 (6); the 5 of 50,000- join 20,000–49,999 (12).
  EXPECT_EQ(merged.id, "size_class");
  EXPECT_EQ(merged.categories,
            (std::vector<std::string>{"0-1999", "2000-9999", "10000-19999", "20000-"}));
  EXPECT_EQ(merged.category_labels[1].fi, "2\u00a0000\u20139\u00a0999");
  EXPECT_EQ(merged.category_labels[1].en, "2,000\u20139,999");
  EXPECT_EQ(merged.category_labels[3].fi, "vähintään 20\u00a0000");
  EXPECT_EQ(merged.category_labels[3].sv, "minst 20\u00a0000");
  EXPECT_EQ(merged.category_labels[3].en, "20,000 and over");
  std::vector<int> counts(merged.categories.size(), 0);
  for (int code : merged.codes) {
    if (code >= 0) ++counts[size_t(code)];
  }
  EXPECT_EQ(counts, (std::vector<int>{25, 10, 30, 17}));
  EXPECT_EQ(merged.codes.back(), -1);
  EXPECT_EQ(merged.population_codes, (std::vector<int>{0, 1, 1, 2, 3, 3, 3}));
  EXPECT_EQ(merged.lower_bounds, (std::vector<int64_t>{0, 2000, 10000, 20000}));
  EXPECT_EQ(MergeNote(merged, Lang::kEn),
            "Lines of fewer than 10 respondents are merged: 2,000\u20139,999 = 2,000\u20134,999, "
            "5,000\u20139,999; 20,000 and over = 20,000\u201349,999, 50,000\u201399,999, "
            "100,000 and over.");
  // A first band too small joins the second: "under 5,000".
  size.codes.assign(3, 0);
  size.codes.insert(size.codes.end(), 20, 1);
  size.codes.insert(size.codes.end(), 20, 2);
  DatasetDimension first = MergeSmallNeighbours(size, 10);
  EXPECT_EQ(first.categories.front(), "0-4999");
  EXPECT_EQ(first.category_labels.front().en, "under 5,000");
  // Everything in one band when there are too few for two; a dimension
  // that is not bands is left as it is.
  size.codes.assign(5, 3);
  EXPECT_EQ(MergeSmallNeighbours(size, 10).categories, (std::vector<std::string>{"0-"}));
  size.lower_bounds.clear();
  EXPECT_EQ(MergeSmallNeighbours(size, 10).categories, size.categories);
}

// The first `rows` respondents of `data`: an earlier version's dataset.
Dataset Prefix(const Dataset& data, size_t rows) {
  Dataset out = data;
  out.rows = rows;
  for (DatasetColumn& column : out.columns) {
    if (!column.codes.empty()) column.codes.resize(rows);
    if (!column.bits.empty()) column.bits.resize(rows);
  }
  for (DatasetDimension& dimension : out.dimensions) dimension.codes.resize(rows);
  return out;
}

// Two versions of one count: 10 and 20 published, then two more choose
// "own". Published again, the 12 tells what the two chose; hiding it, its
// line's other cell must go too (the total base is published).
TEST(VersionsTest, ACountThatGrewByAFewIsHiddenWithWhatClosesIt) {
  const DisclosureRules rules{5, 0};
  Distribution earlier;
  earlier.categories = {"own", "company"};
  earlier.groups = {"total"};
  earlier.counts = {{10, 20}};
  earlier.base = {30};
  earlier.suppressed = {{false, false}};
  earlier.base_suppressed = {false};
  Distribution now = earlier;
  now.counts = {{12, 20}};
  now.base = {32};
  std::vector<AuditFinding> findings = AuditAgainstEarlier(earlier, now, rules);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].problem.find("total / own: the count of the respondents since the "
                                     "earlier version, 2 lies between 2 and 2"),
            std::string::npos)
      << findings[0].problem;
  // The total line may not change: nothing can be done.
  Distribution kept = now;
  EXPECT_FALSE(ProtectAgainstEarlier(earlier, kept, rules, false).has_value());
  EXPECT_EQ(kept.suppressed, now.suppressed) << "left as it was";
  auto newly = ProtectAgainstEarlier(earlier, now, rules, true);
  ASSERT_TRUE(newly.has_value());
  EXPECT_EQ(*newly, (std::vector<bool>{true, true}));
  EXPECT_TRUE(AuditAgainstEarlier(earlier, now, rules).empty());
  // Answers that changed rather than accumulated do not link.
  now.counts = {{8, 24}};
  now.suppressed = {{false, false}};
  EXPECT_TRUE(AuditAgainstEarlier(earlier, now, rules).empty());
}

// Version 1 merged Uusimaa and Kymenlaakso into "south" (the major
// region's code); version 2, with two more respondents, shows them apart.
// Their sum against the merged line tells what the one who answered in
// either chose: the audit links them by what they hold, not by code, and
// protection then hides what closes it.
TEST(VersionsTest, LinesMergedDifferentlyAreReadTogether) {
  const DisclosureRules rules{5, 0};
  Distribution earlier;
  earlier.categories = {"own", "company"};
  earlier.groups = {"south", "north", "total"};
  earlier.members = {{"uusimaa", "kymenlaakso"}, {}, {}};
  earlier.counts = {{10, 20}, {8, 12}, {18, 32}};
  earlier.base = {30, 20, 50};
  earlier.unpublished = {{0, 0}};
  earlier.unpublished_base = {0};
  earlier.suppressed.assign(3, {false, false});
  earlier.base_suppressed.assign(3, false);
  Distribution now = earlier;
  now.groups = {"uusimaa", "kymenlaakso", "north", "total"};
  now.members = {};
  now.counts = {{6, 12}, {5, 8}, {8, 13}, {19, 33}};
  now.base = {18, 13, 21, 52};
  now.suppressed.assign(4, {false, false});
  now.base_suppressed.assign(4, false);
  auto names = [](const std::vector<AuditFinding>& findings, const std::string& cell) {
    return std::ranges::any_of(findings, [&](const AuditFinding& finding) {
      return finding.problem.starts_with(cell + ": the count of the respondents since");
    });
  };
  const std::vector<AuditFinding> findings = AuditAgainstEarlier(earlier, now, rules);
  EXPECT_TRUE(names(findings, "uusimaa / own")) << "Uusimaa and Kymenlaakso against the south";
  // By code, nothing of the two lines was linked (only the total and the north).
  Distribution by_code = earlier;
  by_code.members.clear();
  EXPECT_FALSE(names(AuditAgainstEarlier(by_code, now, rules), "uusimaa / own"));
  // Protected: nothing is given away, read either way.
  ASSERT_TRUE(ProtectAgainstEarlier(earlier, now, rules, true).has_value());
  EXPECT_TRUE(AuditAgainstEarlier(earlier, now, rules).empty());
  EXPECT_TRUE(now.suppressed[0][0] || now.suppressed[1][0]) << "the newcomer's own is hidden";
}

// Random rounds counted twice, the second time with more respondents:
// protected against the first, nothing the two give away together, and
// each version still passes its own audit.
TEST(VersionsTest, ALaterVersionProtectedAgainstTheEarlierGivesNothingAway) {
  std::mt19937 random(2122026);
  int linked = 0, found_before = 0, protected_now = 0, impossible = 0;
  for (int round = 0; round < 600; ++round) {
    const bool multiple = round % 3 == 0;
    const size_t groups = 1 + random() % 6, choices = 2 + random() % 4;
    Dataset data = RandomDataset(random, multiple, groups, choices, round % 4 == 0);
    const size_t first = data.rows - std::min(data.rows - 1, size_t(1 + random() % 8));
    Dataset then = Prefix(data, first);
    DisclosureRules rules{int(3 + random() % 5), int(random() % 11)};
    const bool by_group = round % 4 != 0;
    auto earlier = Distribute(then, then.columns[0], by_group ? &then.dimensions[0] : nullptr, rules);
    auto now = Distribute(data, data.columns[0], by_group ? &data.dimensions[0] : nullptr, rules);
    ASSERT_TRUE(earlier && now);
    ++linked;
    // The same answers published again: nothing to hide.
    {
      Distribution again = *now;
      std::vector<AuditFinding> same = AuditAgainstEarlier(*now, again, rules);
      ASSERT_TRUE(same.empty()) << "round " << round << " republished: " << same[0].problem;
      ASSERT_TRUE(ProtectAgainstEarlier(*now, again, rules, true).has_value());
      ASSERT_EQ(again.suppressed, now->suppressed) << "round " << round << " republished";
    }
    found_before += !AuditAgainstEarlier(*earlier, *now, rules).empty();
    Distribution table = *now;
    auto newly = ProtectAgainstEarlier(*earlier, table, rules, true);
    if (!newly) {
      // Refused at publishing (WriteRelease names the count): where the
      // earlier version's hidden counts are held in by what this one must
      // show (its bases, all who answered).
      EXPECT_EQ(table.suppressed, now->suppressed) << "left as it was";
      ++impossible;
      continue;
    }
    protected_now += table.suppressed != now->suppressed;
    std::vector<AuditFinding> findings = AuditAgainstEarlier(*earlier, table, rules);
    ASSERT_TRUE(findings.empty()) << "round " << round << ": " << findings[0].problem;
    findings = AuditDistribution(table, rules);
    ASSERT_TRUE(findings.empty()) << "round " << round << " alone: " << findings[0].problem;
  }
  EXPECT_EQ(linked, 600);
  EXPECT_GT(found_before, 100) << "the versions must give counts away unprotected";
  EXPECT_GT(protected_now, 100);
  // 11 of 600 when written.
  EXPECT_LT(impossible, 20) << "hiding cells must nearly always suffice";
  std::cout << linked << " tables counted twice: " << found_before
            << " gave counts away unprotected, " << protected_now << " hid more, " << impossible
            << " could not be protected so\n";
}

// A question counted twice, its overall table and its breakdown together:
// protected against the earlier count, neither gives anything away read
// with it, both pass their own audits, and they hide the same total line.
TEST(VersionsTest, AQuestionsTablesAreProtectedTogether) {
  std::mt19937 random(3122026);
  int questions = 0, refused = 0, total_hidden = 0;
  for (int round = 0; round < 300; ++round) {
    const bool multiple = round % 3 == 0;
    Dataset data = RandomDataset(random, multiple, 2 + random() % 5, 2 + random() % 4, round % 4 == 0);
    const size_t first = data.rows - std::min(data.rows - 1, size_t(1 + random() % 8));
    Dataset then = Prefix(data, first);
    DisclosureRules rules{int(3 + random() % 5), int(random() % 11)};
    std::vector<Distribution> earlier{*Distribute(then, then.columns[0], nullptr, rules),
                                      *Distribute(then, then.columns[0], &then.dimensions[0], rules)};
    std::vector<Distribution> now{*Distribute(data, data.columns[0], nullptr, rules),
                                  *Distribute(data, data.columns[0], &data.dimensions[0], rules)};
    ++questions;
    if (!ProtectQuestionAgainstEarlier(now, {{&earlier[0], &earlier[1]}}, rules)) {
      ++refused;
      continue;
    }
    for (size_t t = 0; t < 2; ++t) {
      auto together = AuditAgainstEarlier(earlier[t], now[t], rules);
      ASSERT_TRUE(together.empty()) << "round " << round << " table " << t << ": "
                                    << together[0].problem;
      auto alone = AuditDistribution(now[t], rules);
      ASSERT_TRUE(alone.empty()) << "round " << round << " table " << t << ": " << alone[0].problem;
    }
    auto question = AuditQuestionAgainstEarlier(now, {&earlier[0], &earlier[1]}, rules);
    ASSERT_TRUE(question.empty()) << "round " << round << " table " << question[0].first << ": "
                                  << question[0].second.problem;
    ASSERT_EQ(now[0].suppressed.back(), now[1].suppressed.back()) << "round " << round;
    for (bool hidden : now[0].suppressed.back()) total_hidden += hidden;
  }
  EXPECT_LT(refused, questions / 20) << "hiding cells must nearly always suffice";
  EXPECT_GT(total_hidden, 20) << "the total lines must be hidden at times";
  std::cout << questions << " questions counted twice: " << refused << " refused, "
            << total_hidden << " total-line cells hidden\n";
}

// A question's two breakdowns read with the registry (JointClasses): every
// respondent its own organisation, with organisations that did not answer
// besides; the classes add up to each breakdown's lines, and once
// protected with them, no count is narrowed for a reader who links the
// two through the registry, nor in either table alone.
// A random question with two breakdowns, the second tied to the first in
// part (as size classes are to regions), every respondent its own
// organisation, and organisations that did not answer besides.
Dataset RegistryDataset(std::mt19937& random, int round) {
  const bool multiple = round % 3 == 0;
  Dataset data = RandomDataset(random, multiple, 2 + random() % 5, 2 + random() % 4, round % 4 == 0);
  DatasetDimension second;
  second.id = "h";
  const size_t sizes = 2 + random() % 3;
  for (size_t b = 0; b < sizes; ++b) {
    second.categories.push_back("h" + std::to_string(b));
    second.category_labels.emplace_back();
  }
  for (size_t i = 0; i < data.rows; ++i) {
    // Tied to the first dimension in part, as size classes are to regions.
    const int first = data.dimensions[0].codes[i];
    second.codes.push_back(int((first < 0 ? 0 : size_t(first)) + random() % 2) % int(sizes));
  }
  data.dimensions.push_back(std::move(second));
  data.one_per_organisation = true;
  const size_t silent = random() % (data.rows + 1);
  for (size_t i = 0; i < data.rows + silent; ++i) {
    data.population.push_back("o" + std::to_string(i));
    for (DatasetDimension& dimension : data.dimensions) {
      dimension.population_codes.push_back(
          i < data.rows ? dimension.codes[i]
                        : int(random() % (dimension.categories.size() + 1)) - 1);
    }
  }
  return data;
}

TEST(RegistryTest, TwoBreakdownsReadWithTheRegistryGiveNothingAway) {
  std::mt19937 random(2122026);
  int questions = 0, refused = 0, narrowed_alone = 0;
  for (int round = 0; round < 120; ++round) {
    Dataset data = RegistryDataset(random, round);
    DisclosureRules rules{int(3 + random() % 5), int(random() % 11)};
    const DatasetColumn& column = data.columns[0];
    std::vector<Distribution> now{*Distribute(data, column, nullptr, rules),
                                  *Distribute(data, column, &data.dimensions[0], rules),
                                  *Distribute(data, column, &data.dimensions[1], rules)};
    const DatasetDimension* by[] = {&data.dimensions[0], &data.dimensions[1]};
    const JointClasses registry = ClassesOf(data, column, by);
    ASSERT_TRUE(registry.bounded);
    for (size_t d = 0; d < 2; ++d) {
      // The classes add up to each line of each breakdown.
      const Distribution& table = now[d + 1];
      for (size_t l = 0; l + 1 < table.groups.size(); ++l) {
        std::vector<int> sum(table.categories.size(), 0);
        for (const JointClasses::Class& in : registry.classes) {
          if (in.lines[d] != int(l)) continue;
          for (size_t j = 0; j < sum.size(); ++j) sum[j] += in.counts[j];
        }
        ASSERT_EQ(sum, table.counts[l]) << "round " << round << " breakdown " << d;
      }
    }
    ++questions;
    narrowed_alone += !AuditQuestionAgainstEarlier(now, {}, rules, &registry).empty();
    if (!ProtectQuestionAgainstEarlier(now, {}, rules, &registry)) {
      ++refused;
      continue;
    }
    auto question = AuditQuestionAgainstEarlier(now, {}, rules, &registry);
    ASSERT_TRUE(question.empty()) << "round " << round << " table " << question[0].first << ": "
                                  << question[0].second.problem;
    for (size_t t = 0; t < now.size(); ++t) {
      auto alone = AuditDistribution(now[t], rules);
      ASSERT_TRUE(alone.empty()) << "round " << round << " table " << t << ": " << alone[0].problem;
    }
  }
  EXPECT_GT(narrowed_alone, 0) << "some tables protected alone must give a count away";
  EXPECT_LT(refused, questions / 20) << "hiding cells must nearly always suffice";
  std::cout << questions << " questions read with the registry: " << narrowed_alone
            << " gave a count away protected table by table, " << refused << " refused\n";
}

// Releases protect their questions on several threads at once (core's
// ParallelFor), each GLPK problem on its own thread: the patterns are
// exactly those of one thread, whatever the number of threads. Under the
// sanitizers this also shows that GLPK's per-thread environments are freed.
TEST(RegistryTest, QuestionsProtectedOnSeveralThreadsAreProtectedAsOnOne) {
  std::mt19937 random(4122026);
  std::vector<Dataset> data;
  std::vector<DisclosureRules> rules;
  for (int round = 0; round < 24; ++round) {
    data.push_back(RegistryDataset(random, round));
    rules.push_back({int(3 + random() % 5), int(random() % 11)});
  }
  auto protect = [&](unsigned threads) {
    std::vector<std::vector<std::vector<std::vector<bool>>>> patterns(data.size());
    ParallelFor(
        data.size(),
        [&](size_t q) {
          const DatasetColumn& column = data[q].columns[0];
          std::vector<Distribution> now{
              *Distribute(data[q], column, nullptr, rules[q]),
              *Distribute(data[q], column, &data[q].dimensions[0], rules[q]),
              *Distribute(data[q], column, &data[q].dimensions[1], rules[q])};
          const DatasetDimension* by[] = {&data[q].dimensions[0], &data[q].dimensions[1]};
          const JointClasses registry = ClassesOf(data[q], column, by);
          if (!ProtectQuestionAgainstEarlier(now, {}, rules[q], &registry)) return;
          for (const Distribution& table : now) patterns[q].push_back(table.suppressed);
        },
        threads);
    return patterns;
  };
  const auto one = protect(1);
  EXPECT_EQ(protect(2), one);
  EXPECT_EQ(protect(4), one);
  EXPECT_GT(std::count_if(one.begin(), one.end(), [](const auto& p) { return !p.empty(); }), 20);
}

// A question with two breakdowns published twice, each version protected
// with the registry: the later one (one to eight respondents more) read
// with the earlier and the registry gives nothing away. Where the earlier
// version and the registry already narrow a count, the later one is held
// only not to narrow it further, so it is not refused for what it cannot
// help.
TEST(RegistryTest, ALaterVersionReadWithTheEarlierAndTheRegistryGivesNothingAway) {
  std::mt19937 random(3122027);
  int questions = 0, refused = 0;
  for (int round = 0; round < 60; ++round) {
    Dataset data = RegistryDataset(random, round);
    const size_t first = data.rows - std::min(data.rows - 1, size_t(1 + random() % 8));
    Dataset then = Prefix(data, first);
    DisclosureRules rules{int(3 + random() % 5), int(random() % 11)};
    const DatasetColumn& column = data.columns[0];
    auto tables = [&rules, &column](const Dataset& of) {
      return std::vector<Distribution>{*Distribute(of, column, nullptr, rules),
                                       *Distribute(of, column, &of.dimensions[0], rules),
                                       *Distribute(of, column, &of.dimensions[1], rules)};
    };
    auto classes = [&column](const Dataset& of) {
      const DatasetDimension* by[] = {&of.dimensions[0], &of.dimensions[1]};
      return ClassesOf(of, column, by);
    };
    std::vector<Distribution> earlier = tables(then);
    const JointClasses registry_then = classes(then);
    if (!ProtectQuestionAgainstEarlier(earlier, {}, rules, &registry_then)) continue;
    std::vector<Distribution> now = tables(data);
    const JointClasses registry = classes(data);
    const std::vector<const Distribution*> before{&earlier[0], &earlier[1], &earlier[2]};
    ++questions;
    if (!ProtectQuestionAgainstEarlier(now, {before}, rules, &registry)) {
      ++refused;
      continue;
    }
    auto question = AuditQuestionAgainstEarlier(now, before, rules, &registry);
    ASSERT_TRUE(question.empty()) << "round " << round << " table " << question[0].first << ": "
                                  << question[0].second.problem;
    for (size_t t = 0; t < now.size(); ++t) {
      auto alone = AuditDistribution(now[t], rules);
      ASSERT_TRUE(alone.empty()) << "round " << round << " table " << t << ": " << alone[0].problem;
    }
  }
  EXPECT_GT(questions, 45);
  EXPECT_LT(refused, questions / 20) << "hiding cells must nearly always suffice";
  std::cout << questions << " questions published twice with the registry: " << refused
            << " refused\n";
}

}  // namespace
}  // namespace kartla::stats
