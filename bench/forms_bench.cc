// How fast forms are read and checked, and how much the dependency graph
// saves when one answer changes.
//
//   BM_ReadAndCheckForm/1000: parse the CSV sheets of a 1,000-question form
//     and run every check (types, names, expressions, cycles, translations).
//   BM_EvaluateAllRelevance/200 and BM_EvaluateAfterOneAnswer/200: on a
//     200-question form where each question's relevance reads an earlier
//     answer, evaluate every relevance and calculation, or only those the
//     changed answer affects.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "forms/form_builder.h"
#include "forms/response_state.h"

namespace kartla::forms {
namespace {

// A form of `questions` questions in sections of 20: a select_one with a
// constraint, integers whose relevance reads the question before, a
// select_multiple with a count-selected constraint, and a calculation per
// section; labels in three languages.
CsvFormFiles MakeForm(int questions) {
  CsvFormFiles files;
  files.name = "bench";
  files.survey_file = "bench.survey.csv";
  files.choices_file = "bench.choices.csv";
  files.settings_file = "bench.settings.csv";
  std::string survey =
      "type,name,label::Suomi (fi),label::Svenska (sv),label::English (en),"
      "relevant,constraint,calculation,required,kartla::section\n";
  int section = 0;
  for (int q = 0; q < questions; ++q) {
    if (q % 20 == 0) {
      if (section > 0) survey += "end group\n";
      ++section;
      survey += fmt::format("begin group,s{},Osio {},Avsnitt {},Section {},,,,,{}\n",
                            section, section, section, section, section);
    }
    std::string name = fmt::format("q{}", q);
    std::string previous = fmt::format("q{}", q - 1);
    switch (q % 4) {
      case 0:
        survey += fmt::format(
            "select_one agree,{},Kysymys {},Fråga {},Question {},,"
            "\". != 'never'\",,yes,\n",
            name, q, q, q);
        break;
      case 1:
        survey += fmt::format(
            "integer,{},Luku {},Tal {},Number {},\"${{{}}} != 'no'\",\". >= 0\",,,\n",
            name, q, q, q, previous);
        break;
      case 2:
        survey += fmt::format(
            "select_multiple agree,{},Valinnat {},Val {},Choices {},"
            "\"${{{}}} > 3 or ${{{}}} = ''\",\"count-selected(.) <= 3\",,,\n",
            name, q, q, q, previous, previous);
        break;
      case 3:
        survey += fmt::format(
            "integer,{},Määrä {},Antal {},Amount {},"
            "\"selected(${{{}}}, 'yes')\",,,,\n",
            name, q, q, q, previous);
        survey += fmt::format(
            "calculate,total{},,,,,,\"sum(${{q{}}}, ${{{}}})\",,\n", q, q - 2, name);
        break;
    }
  }
  survey += "end group\n";
  files.survey = std::move(survey);
  files.choices =
      "list_name,name,label::Suomi (fi),label::Svenska (sv),label::English (en)\n"
      "agree,yes,Kyllä,Ja,Yes\nagree,partly,Osittain,Delvis,To some extent\n"
      "agree,no,Ei,Nej,No\nagree,never,Ei koskaan,Aldrig,Never\n";
  files.settings = "form_title,form_id,default_language\nBench,bench,fi\n";
  return files;
}

Form BuildOrDie(const CsvFormFiles& files) {
  auto workbook = ReadCsvForm(files);
  if (!workbook.ok()) throw std::runtime_error(workbook.status().ToString());
  FormCheck check = BuildForm(*workbook);
  if (!check.ok()) {
    throw std::runtime_error(check.problems.front().ToString());
  }
  return std::move(*check.form);
}

void BM_ReadAndCheckForm(benchmark::State& state) {
  CsvFormFiles files = MakeForm(int(state.range(0)));
  for (auto _ : state) {
    auto workbook = ReadCsvForm(files);
    FormCheck check = BuildForm(*workbook);
    if (!check.ok()) state.SkipWithError(check.problems.front().ToString().c_str());
    benchmark::DoNotOptimize(check);
  }
  state.counters["questions"] = double(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ReadAndCheckForm)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_EvaluateAllRelevance(benchmark::State& state) {
  Form form = BuildOrDie(MakeForm(int(state.range(0))));
  DependencyGraph graph(form);
  ResponseState response(form, graph, Lang::kFi, "2025-03-01");
  int evaluated = 0;
  for (auto _ : state) {
    response.SetAnswer("q100", "yes");  // as in the other benchmark
    evaluated = response.EvaluateAll();
  }
  state.counters["evaluated"] = evaluated;
}
BENCHMARK(BM_EvaluateAllRelevance)->Arg(200)->Unit(benchmark::kMicrosecond);

void BM_EvaluateAfterOneAnswer(benchmark::State& state) {
  Form form = BuildOrDie(MakeForm(int(state.range(0))));
  DependencyGraph graph(form);
  ResponseState response(form, graph, Lang::kFi, "2025-03-01");
  int evaluated = 0;
  bool flip = false;
  for (auto _ : state) {
    flip = !flip;
    evaluated = response.SetAnswer("q100", flip ? "yes" : "no");
  }
  state.counters["evaluated"] = evaluated;
}
BENCHMARK(BM_EvaluateAfterOneAnswer)->Arg(200)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kartla::forms

BENCHMARK_MAIN();
