// The results site's figures as SVG, drawn by Kartla: horizontal bars,
// stacked bars (a rating scale, with "don't know" apart), grouped bars (a
// breakdown) and lines (a trend across rounds). Each figure is readable
// without colour (every bar carries its value, stacked segments and lines
// have patterns and markers as well as shades, the legend says which is
// which), has a title and a text description for screen readers, and
// stands next to its data table on the page. Output is byte-stable.
#ifndef KARTLA_PUBLISH_CHARTS_H_
#define KARTLA_PUBLISH_CHARTS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/text.h"

namespace kartla::publish {

// A value on the chart; nullopt draws no bar and prints ".." (suppressed)
// or nothing.
struct Bar {
  std::string label;
  std::optional<double> value;
  std::optional<double> lower, upper;  // its 95 % interval, drawn as a whisker
  bool suppressed = false;
};

struct ChartText {
  std::string id;           // unique on the page; the SVG's title and desc ids derive from it
  std::string title;        // "Figure 2.1: …"
  std::string description;  // what it shows, in words, for screen readers
  std::string unit;         // "%", or "" for a mean
  std::string suppressed_note;  // what ".." means
  Lang lang = Lang::kEn;        // the language its numbers are written in
  int decimals = 1;             // of a value that is not a whole number (not a share)
  // Segments' and series' fills: shades of blue for ordered answers (a
  // rating scale), or colours whose neighbours differ for unordered ones
  // (Okabe and Ito's palette, told apart by colour-blind readers too).
  // Each fill also has its own pattern.
  bool unordered = false;
};

// Bars along one axis from 0 to `max` (100 for shares).
std::string BarChart(const ChartText& text, const std::vector<Bar>& bars, double max);

// One stacked bar per row: the segments (shares adding up to about 100),
// each shaded and patterned per segment index, labelled in a legend;
// `apart`, if any, is drawn beside the stack ("don't know").
// A row with a suppressed segment (nullopt) draws the published ones at
// their share of 100 and the rest as "..", greyed; a row with `note`
// (e.g. "too few respondents") has the note written in it instead of a
// bar. The `total` row is set apart below a rule, its label in bold.
struct StackedRow {
  std::string label;
  std::vector<std::optional<double>> segments;
  std::optional<double> apart;
  bool suppressed = false;  // some segment is ".."
  std::string note;
  bool total = false;
};
std::string StackedChart(const ChartText& text, const std::vector<std::string>& legend,
                         const std::string& apart_label, const std::vector<StackedRow>& rows);

// A battery of items on one ordered scale (a Likert battery), an item a
// row: each row's segments (the valid answers' shares, low to high) laid
// out from a centre, the lower half of the scale to the left and the upper
// to the right, a middle answer astride the centre; `apart` ("don't know")
// beside. A row with a suppressed segment says `note` or "..".
std::string DivergingChart(const ChartText& text, const std::vector<std::string>& legend,
                           const std::string& apart_label, const std::vector<StackedRow>& rows);

// A dot per row at its value with its 95 % interval as a whisker, on an
// axis from 0 to `max` (means: a bar from zero would stress the distance
// to nothing); a row without a value says `too_few` (or ".." if it is
// empty). The last row, if `total_last`, is set apart below a rule.
std::string DotChart(const ChartText& text, const std::vector<Bar>& rows, double max,
                     const std::string& too_few, bool total_last);

// Groups of bars (a breakdown): for each group a bar per series, shaded
// and patterned per series as the legend says.
struct BarGroup {
  std::string label;
  std::vector<Bar> bars;  // one per series
};
std::string GroupedChart(const ChartText& text, const std::vector<std::string>& series,
                         const std::vector<BarGroup>& groups, double max);

// Lines along an x axis of labelled positions (the rounds of a series, the
// days of fieldwork): a line per series with its own marker and dash.
struct Line {
  std::string label;
  std::vector<std::optional<double>> values;  // one per position
};
// How the lines read. The defaults suit a few rounds: every position
// labelled, each point marked and labelled with its value, each line's
// name after its last point. A long axis (fieldwork's days) labels only
// some positions, draws the line alone, and may mark positions with dashed
// vertical lines (mailing days) that the caption explains.
struct LineOptions {
  bool mark_points = true;  // a marker and the value at each point
  bool name_lines = true;   // a legend below names each line in full
  std::vector<size_t> x_labels;  // the positions labelled; empty: all
  std::vector<size_t> rules;     // dashed vertical lines at these positions
  int decimals = -1;  // of the axis' values; -1: 0 for %, else 1
  bool fluid = false;  // as wide as its container (else 680 pixels)
};
std::string LineChart(const ChartText& text, const std::vector<std::string>& positions,
                      const std::vector<Line>& lines, double max,
                      const LineOptions& options = {});

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_CHARTS_H_
