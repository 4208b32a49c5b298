// Every page of Kartla works without this script. With it, a page that
// comes back with errors puts the focus on its error summary, so that a
// screen reader reads what went wrong at once and Tab leads to the first
// link (GOV.UK's error summary pattern).
const summary = document.querySelector('.error-summary');
if (summary) summary.focus();
