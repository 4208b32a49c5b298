// Turning the sheets of an XLSForm into a checked Form.
#ifndef KARTLA_FORMS_FORM_BUILDER_H_
#define KARTLA_FORMS_FORM_BUILDER_H_

#include <optional>
#include <vector>

#include "core/problem.h"
#include "forms/form.h"
#include "forms/workbook.h"

namespace kartla::forms {

// The outcome of reading a form: every problem found (errors and warnings,
// in sheet order), and the form if there were no errors.
struct FormCheck {
  std::optional<Form> form;
  std::vector<Problem> problems;

  bool ok() const { return form.has_value(); }
  int errors() const;
  int warnings() const;
};

// Builds and checks a form. Never stops at the first problem: it reports
// everything XLSForm's rules and Kartla's checks find, each with its file,
// sheet, row and column:
//   - missing sheets and columns, unknown and unsupported types (repeats,
//     geo and media types are refused), bad names and duplicates, groups
//     that do not close, select types naming a missing list, choices;
//   - expressions: syntax (with the character position), unknown functions
//     and argument counts, references to unknown questions or to questions
//     asked later, cycles among calculations and relevance, choice names in
//     selected() that the list lacks, patterns regex() cannot compile;
//   - Kartla's columns kartla::section, kartla::prefill, kartla::series and
//     kartla::max_choices;
//   - warnings: translations missing for a declared language, columns and
//     appearances Kartla ignores.
FormCheck BuildForm(const Workbook& workbook);

// The form as a workbook in Kartla's canonical layout: the columns it uses
// in a fixed order, labels as "label::Suomi (fi)", choices' extra columns in
// name order, rows numbered from 2. BuildForm(CanonicalWorkbook(f)) gives
// back a form equal to f, and the canonical workbook of that is identical;
// export and the content hash use it.
Workbook CanonicalWorkbook(const Form& form);

}  // namespace kartla::forms

#endif  // KARTLA_FORMS_FORM_BUILDER_H_
