// Made-up answers to a round's questionnaires, for the demo and for tests
// of the results: a share of the invited organisations answer, larger ones
// more often. Each organisation has a leadership factor that its answers
// on leading digitalisation follow and that drives its maturity as much as
// its size does; optional questions are sometimes skipped and some answer
// "don't know"; every answer is within its question's choices and
// constraints (splits add up to 100). Only the CLI (`kartla demo`) and
// tests link this folder; the server never makes up answers.
#ifndef KARTLA_DEMO_EXAMPLE_ANSWERS_H_
#define KARTLA_DEMO_EXAMPLE_ANSWERS_H_

#include <cstdint>
#include <set>
#include <string>

#include "app/app.h"
#include "core/status.h"

namespace kartla::demo {

struct SimulationOptions {
  // The chance that an organisation answers: from the smallest to the
  // largest population, in a straight line over log(population).
  double smallest_rate = 0.45;
  double largest_rate = 0.9;
  uint32_t seed = 2025;  // the same seed gives the same answers
  // Organisations left to answer for themselves (the demo's links).
  std::set<std::string> leave_out;
  // Added to every organisation's maturity (0 … 1): below 0 for an
  // earlier round, so that trends rise.
  double maturity_shift = 0;
};

// Answers and submits, for each questionnaire of `round`, one invitation
// of each chosen organisation that has no response yet. Returns how many
// responses were submitted. Fails with kNotFound for an unknown round.
Result<int> SimulateAnswers(App& app, const std::string& round, const SimulationOptions& options);

// Creates an earlier round of the example series (digimapping-YEAR) with
// the same questionnaires as `round`, an invitation for every organisation
// they were addressed to, and made-up answers (SimulateAnswers with
// `options`): a past edition for trends. Returns how many answered.
Result<int> CreateEarlierRound(App& app, const std::string& round, int year,
                               const SimulationOptions& options);

}  // namespace kartla::demo

#endif  // KARTLA_DEMO_EXAMPLE_ANSWERS_H_
