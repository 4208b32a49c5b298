// A questionnaire's submitted responses as columns, coded compactly and
// joined with the registry's dimensions of each respondent's organisation:
// built in one pass, then reused for every table of a release.
#ifndef KARTLA_STATS_DATASET_H_
#define KARTLA_STATS_DATASET_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/text.h"
#include "forms/form.h"
#include "registry/registry.h"
#include "stats/disclosure.h"

namespace kartla::stats {

struct IndexDefinition;  // stats/indices.h

// One question's answers.
struct DatasetColumn {
  enum class Kind { kChoice, kMultiple, kNumber, kText };
  std::string name;
  std::string series;  // the question's id across rounds (kartla::series, else its name)
  std::string section;  // the kartla::section it is in ("" if none)
  LocalizedText label;
  Kind kind = Kind::kText;
  // kChoice and kMultiple: the list's choices, in the form's order.
  std::vector<std::string> choices;
  std::vector<LocalizedText> choice_labels;
  // The choice meaning "don't know" (named dont_know or dk, or marked yes
  // in a kartla::dont_know column of the choices sheet); -1: none.
  int dont_know = -1;
  // A rating scale: a range, or a single choice whose other choices are
  // whole numbers (1 … 5). Its values run from scale_min to scale_max.
  bool rating = false;
  double scale_min = 0, scale_max = 0, scale_step = 1;
  // A field of a group of fields (a row of a matrix, "Our strategy sets
  // clear goals" of "How well do these describe your organisation?"): the
  // group's name, its label and the field's own; empty otherwise. Single
  // choices of one group on one list are a battery (a Likert battery), drawn
  // together on the results site. `label` is the two joined.
  std::string group;
  LocalizedText group_label, field_label;
  // The split the question is a part of (its group's name: parts that
  // must add up to split_total), or empty.
  std::string split;
  double split_total = 100;
  std::vector<int16_t> codes;    // kChoice: the choice's index; -1 not answered
  std::vector<uint64_t> bits;    // kMultiple: bit j = choice j chosen; 0 not answered
  std::vector<double> numbers;   // kNumber: NaN not answered
  std::vector<std::string> texts;  // kText, kept apart: never broken down
  // An amount also published per inhabitant (the results settings'
  // [[per_inhabitant]]): the ratio of its total to the respondents'
  // inhabitants (Dataset::inhabitants), times `per_inhabitant` (1000 for
  // answers in 1000 €, 10000 for person-years per 10,000 inhabitants), in
  // `per_inhabitant_unit` ("€ per inhabitant"); 0: not.
  double per_inhabitant = 0;
  LocalizedText per_inhabitant_unit;
  // A composite index (0–100) as a number, its definition: published as
  // an amount without a total (which would mean nothing), its definition
  // with it for a reader who scores an organisation's own answers.
  std::shared_ptr<const IndexDefinition> index;
  int per_inhabitant_decimals = 1;

  // A rating's value of row i: the choice's number, or the range's value;
  // NaN when not answered or "don't know".
  double RatingValue(size_t i) const;
};

// A respondent: whose organisation and which target group, and the answers.
struct RespondentAnswers {
  std::string organisation;
  std::string role;
  // By item name: a map, or (when it is null) a list in name order.
  const std::map<std::string, std::string>* answers = nullptr;
  std::span<const std::pair<std::string, std::string>> sorted = {};
};

// One registry dimension of the respondents: each row's category (-1: none),
// and each organisation's of the population.
struct DatasetDimension {
  std::string id;
  LocalizedText label;
  std::vector<std::string> categories;
  std::vector<LocalizedText> category_labels;
  std::vector<int> codes;
  std::vector<int> population_codes;  // parallel to Dataset::population
  // Bands of a number (size classes of population): each category's
  // smallest value, ascending; empty for any other dimension.
  std::vector<int64_t> lower_bounds;
  // After merging (MergeSmallCategories, MergeSmallNeighbours): the fewest
  // respondents a line kept its own with, and each new line with the
  // categories it holds.
  struct MergedLine {
    size_t line = 0;  // index into categories
    std::vector<LocalizedText> members;
    std::vector<std::string> codes;  // the members' categories
  };
  int merged_below = 0;
  std::vector<MergedLine> merged;
  // Categories whose number of respondents another publication hides (the
  // methods page's who-answered): a breakdown by this dimension hides those
  // lines' bases too, and protects them (Distribution::private_bases).
  std::vector<bool> hidden_bases;
};

// Each line's make-up: the categories of the dimension before merging it
// holds, in order (empty for a line that merged nothing: it holds its own
// category alone). Two
// versions' lines of the same make-up hold the same organisations, and so
// do unions of lines whose make-ups add up to the same categories, whatever
// their codes (a merged line takes its parent's code, whichever of the
// parent's categories it holds).
std::vector<std::vector<std::string>> LineMakeUp(const DatasetDimension& dimension);

// The lines of an earlier and a later version that hold the same
// organisations (by their make-up, as LineMakeUp or Distribution::members
// give them; a line without one holds its own code): the smallest groups of
// each's lines whose make-ups add up to the same categories. A line merged
// differently in the two versions is so matched with the union of the
// other's lines it overlaps; the total lines ("total") with each other.
struct LineMatch {
  std::vector<size_t> then, now;  // line indices
};
std::vector<LineMatch> MatchMakeUp(const std::vector<std::string>& then_codes,
                                   const std::vector<std::vector<std::string>>& then_members,
                                   const std::vector<std::string>& now_codes,
                                   const std::vector<std::vector<std::string>>& now_members);

// What merging did, for the reader, in `lang`: "Lines of fewer than 20
// respondents are merged: Southern Finland = Southwest Finland,
// Kymenlaakso; Others = Uusimaa, Åland." Empty when nothing was merged.
std::string MergeNote(const DatasetDimension& dimension, Lang lang);

struct Dataset {
  size_t rows = 0;
  std::vector<std::string> organisations;
  std::vector<std::string> roles;
  std::vector<DatasetColumn> columns;  // the form's questions, in order
  std::vector<DatasetDimension> dimensions;
  // The organisations in scope (those invited to the questionnaire): the
  // population the results describe, weighting classes count, and coverage
  // is a share of.
  std::vector<std::string> population;
  // Each row's organisation's inhabitants (the registry's attribute
  // "population"); NaN where the registry has none (a joint authority).
  std::vector<double> inhabitants;
  // Each organisation answers once (the questionnaire's policy): a group
  // of organisations holds no more respondents than organisations, which
  // a reader of the registry knows too (JointClasses).
  bool one_per_organisation = false;

  const DatasetColumn* Column(std::string_view name) const;
  // The column asked as `series` (its kartla::series, or failing that its
  // name), or nullptr.
  const DatasetColumn* ColumnOfSeries(std::string_view series) const;
  // The columns of split `name`, in order.
  std::vector<const DatasetColumn*> SplitParts(std::string_view name) const;
  const DatasetDimension* Dimension(std::string_view id) const;
};

// Whether `group` of `form` is a split: two or more number questions, one
// of whose constraints asks the parts to add up to 100 (". + ${so_far} =
// 100").
bool IsSplitGroup(const forms::Form& form, const forms::Item& group);

// Builds the dataset. Answers that do not fit their question (a choice the
// list lacks, a number that is not one) are left out as not answered;
// select_multiple lists longer than 64 choices are kept as text. The
// population is `population` with any respondent's organisation it lacks.
Dataset BuildDataset(const forms::Form& form, std::span<const RespondentAnswers> respondents,
                     const Registry& registry, std::span<const std::string> population = {});

// `fine` with its small categories merged into their `parent`'s (regions
// into major regions), so that a breakdown says something rather than
// "..": a category with at least `min_respondents` rows keeps its line;
// the rest of a parent's categories become one line, named by the parent
// ("Muu Länsi-Suomi", "Rest of Western Finland" when some of its
// categories kept their lines; the parent's own name when none did); a
// merged line still under the minimum joins a last line "Muut" /
// "Övriga" / "Others". Lines go in the parent's order, each parent's kept
// categories first. The id stays `fine`'s. A category is in the parent
// category its organisations are in.
DatasetDimension MergeSmallCategories(const DatasetDimension& fine,
                                      const DatasetDimension& parent, int min_respondents);

// `bands` (ordered bands of a number, such as size classes) with each band
// of fewer than `min_respondents` rows joined to a neighbour, so that a
// breakdown keeps the finest bands that say something: the smallest band
// under the minimum goes first, into its smaller neighbour (the lower one on
// a tie), until every band has the minimum or one is left. A joined band is
// named by its range ("under 5,000", "20,000–99,999"). A dimension without
// lower bounds is returned as it is.
DatasetDimension MergeSmallNeighbours(const DatasetDimension& bands, int min_respondents);

// Two dimensions crossed: a category per pair that occurs in the
// registry's categories ("01 × 2000-4999"), a row without either in none.
DatasetDimension Cross(const DatasetDimension& first, const DatasetDimension& second);

// The disclosure rules of a round's tables. Counts are unweighted.
struct DisclosureRules {
  // A cell with fewer respondents than this (but at least one) is hidden.
  int k = 5;
  // In a group of fewer respondents than this, a share of 0 % or 100 % is
  // hidden too: it would tell what every one of them answered. 0: off.
  int small_group = 10;
};

// A question's distribution, overall and in each category of a dimension:
// unweighted counts of respondents, with the base of each group.
struct Distribution {
  bool multiple = false;                     // a select_multiple: rows need not add up
  std::vector<std::string> categories;       // the choices
  std::vector<std::string> groups;           // the dimension's categories, then "total"
  // Per group (may be shorter; crossed: none), the categories before
  // merging a merged line holds (LineMakeUp); empty: the line's own.
  std::vector<std::vector<std::string>> members;
  std::vector<std::vector<int>> counts;      // [group][category]
  std::vector<int> base;                     // respondents who answered, per group
  // Crossed: the two dimensions' sizes A and B. The groups are then the
  // A × B cells (a·B + b), the A margins, the B margins, and the total.
  std::optional<std::pair<size_t, size_t>> crossed;
  // Respondents no published line holds alone, never published: in no
  // group; crossed, in a category of the first dimension only (A lines),
  // of the second only (B lines), and in neither. Counts per category.
  std::vector<std::vector<int>> unpublished;
  std::vector<int> unpublished_base;
  // After disclosure control: the cells not to publish (groups × categories
  // with the groups' bases and the total line as margins), and the bases.
  std::vector<std::vector<bool>> suppressed;
  std::vector<bool> base_suppressed;
  // The lines' bases are known to everyone (the registry's organisations
  // per category, when the counts are who answered): none is hidden, and a
  // hidden count of a line under k need only be able to reach its base.
  bool public_bases = false;
  // Lines whose base another publication hides (indexed as the groups;
  // shorter: none): hidden here too, and kept beyond the reader's reach as
  // the cells the rules hide are.
  std::vector<bool> private_bases;
};

// Disclosure control of a distribution counted elsewhere (the methods
// page's respondents per category), as Distribute does its own; with
// `total_line`, its total line hidden as given and nothing more of it (a
// breakdown of a question whose overall table hides those cells).
void ProtectDistribution(Distribution& table, const DisclosureRules& rules,
                         const std::vector<bool>* total_line = nullptr);

// The distribution of a choice question (of each choice for a multiple
// one: respondents choosing it), by `dimension` if given, with unsafe cells
// hidden (DisclosureRules) and then, so that none can be recovered, their
// complements: first rectangles within the groups, then whatever the audit
// of the whole table (groups, bases and total line together) still finds.
// Nullopt for a question that is not a choice.
std::optional<Distribution> Distribute(const Dataset& dataset, const DatasetColumn& column,
                                       const DatasetDimension* dimension,
                                       const DisclosureRules& rules);

// The distribution by two dimensions crossed, with both margins (each
// category of either dimension) and the total: the linked tables published
// together and protected together.
std::optional<Distribution> DistributeCrossed(const Dataset& dataset, const DatasetColumn& column,
                                              const DatasetDimension& first,
                                              const DatasetDimension& second,
                                              const DisclosureRules& rules);

// The audit of a distribution as it would be published: the hidden cells
// that the published cells, bases and total line fix (empty: safe), and
// published cells the primary rules forbid. Publishing refuses a table
// whose audit is not empty.
struct AuditFinding {
  int group = 0;     // index into Distribution::groups
  int category = 0;  // index into Distribution::categories
  std::string problem;
};
std::vector<AuditFinding> AuditDistribution(const Distribution& table,
                                            const DisclosureRules& rules);

// The private audit report of a distribution as it would be published:
// each hidden count and base with its true value and the range a reader
// can derive for it from everything the table publishes (LP, whole
// numbers ≥ 0), and how far up that range had to reach. For the survey
// team only: never published.
struct HiddenRange {
  int group = 0;
  int category = 0;  // -1: the line's base
  int value = 0;     // the true count
  double lower = 0;
  double upper = 0;  // infinity: no bound above
  int needed = 0;    // k, or fewer where fewer answered
};
std::vector<HiddenRange> HiddenRanges(const Distribution& table, const DisclosureRules& rules);

// The registry's cross-classification of a question's breakdowns: the
// organisations in scope in classes by their line in each breakdown (a
// region × a size class), which anyone reading the registry can count,
// with how many of each class answered and chose each choice, which
// nobody publishes. The breakdowns are its margins, so that, read with
// the registry, they bound each other: a class's counts are whole
// numbers ≥ 0 that, where each organisation answers once, add up to no
// more than its organisations (docs/statistics.md, "The registry").
struct JointClasses {
  struct Class {
    std::vector<int> lines;   // per breakdown: its line, -1 in none
    int organisations = 0;
    int base = 0;             // who answered the question
    std::vector<int> counts;  // per choice
  };
  std::vector<Class> classes;
  // A class holds no more respondents than organisations. False: a
  // reader knows only that a class without organisations is empty.
  bool bounded = false;
};

// The classes of `column`'s respondents and of the dataset's population
// by `breakdowns` (the dimensions of a question's breakdown tables, as
// merged for them, in their order). Empty without a breakdown.
JointClasses ClassesOf(const Dataset& dataset, const DatasetColumn& column,
                       std::span<const DatasetDimension* const> breakdowns);

// Versions (issue 19). `earlier` is a question's table as an earlier
// version of the round published it (its true counts and what it hid),
// `now` the same table counted again, with the respondents since. A
// reader who takes answers only to accumulate links the two: each count
// now is the count then plus the new respondents' count, which is never
// negative. Audited together, no hidden count of either version, and no
// count of the new respondents alone, of 1 … k−1 may be narrowed away
// from 0 or from k (from the line's new respondents, where fewer came). Lines are
// matched by their code, choices must be the same. Each finding's
// `problem` names the line and choice. Empty too where the two cannot be
// linked: other choices, or answers that changed rather than accumulated
// (the reader's premise is then false; WriteRelease's differencing check
// covers the published counts).
std::vector<AuditFinding> AuditAgainstEarlier(const Distribution& earlier,
                                              const Distribution& now,
                                              const DisclosureRules& rules);

// Hides further cells of `now` until AuditAgainstEarlier finds nothing,
// the cheapest first (as Protect chooses them); never a base, and a cell
// of the total line only with `total_line_too`. Returns the total line's
// cells newly hidden (the question's breakdowns must hide them too), or
// nullopt if the rule cannot be met so (`now` is then unchanged).
std::optional<std::vector<bool>> ProtectAgainstEarlier(const Distribution& earlier,
                                                       Distribution& now,
                                                       const DisclosureRules& rules,
                                                       bool total_line_too);

// A question's tables read together across versions: `now[0]` the
// overall table, then its breakdowns; `earlier[t]` the earlier version's
// table t, or null where it had none. One system (AuditAgainstEarlier's,
// every table's total line the same respondents): the findings, each with
// its table's index.
// With `registry` (the classes of now[1], now[2], …'s lines), the
// breakdowns are read with the registry too, as margins of one
// cross-classification; `earlier` may then be empty.
std::vector<std::pair<size_t, AuditFinding>> AuditQuestionAgainstEarlier(
    const std::vector<Distribution>& now, const std::vector<const Distribution*>& earlier,
    const DisclosureRules& rules, const JointClasses* registry = nullptr);

// Hides further cells of a question's tables until, read with each
// earlier version (`earlier[v][t]`, null where version v had no table t)
// and with `registry`, AuditQuestionAgainstEarlier finds nothing: the
// cheapest first, a total-line cell in every table at once, never a base.
// Hiding more keeps each table's own audit clean. Returns false, leaving
// `now` as it was, if that cannot be done (publishing is then refused).
bool ProtectQuestionAgainstEarlier(std::vector<Distribution>& now,
                                   const std::vector<std::vector<const Distribution*>>& earlier,
                                   const DisclosureRules& rules,
                                   const JointClasses* registry = nullptr);

}  // namespace kartla::stats

#endif  // KARTLA_STATS_DATASET_H_
