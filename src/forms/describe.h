// Expressions said in words, for a reader of the printed questionnaire:
// "Answer if “How did ICT operating costs change?” is “Grew a lot”".
#ifndef KARTLA_FORMS_DESCRIBE_H_
#define KARTLA_FORMS_DESCRIBE_H_

#include <optional>
#include <string>

#include "core/text.h"
#include "forms/form.h"

namespace kartla::forms {

// When `item` is asked, in `lang`: its `relevant` condition said in words
// ("Answer if …"), or, for a condition beyond the common shapes (a
// question's answer compared with a choice or a number, a choice chosen,
// answered or not, joined by and, or, not), "Answer if your earlier
// answers call for it". Nullopt for a question that is always asked. The
// condition of an enclosing group counts too.
std::optional<std::string> DescribeWhenAsked(const Form& form, const Item& item, Lang lang);

}  // namespace kartla::forms

#endif  // KARTLA_FORMS_DESCRIBE_H_
