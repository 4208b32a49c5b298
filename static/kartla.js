// Every page of Kartla works without this script. With it, a page that
// comes back with errors puts the focus on its error summary, so that a
// screen reader reads what went wrong at once and Tab leads to the first
// link (GOV.UK's error summary pattern).
const summary = document.querySelector('.error-summary');
if (summary) summary.focus();

// On a questionnaire page, a question an answer reveals (or hides) is
// shown (or hidden) at once. The server decides by the form's rules, as it
// does when the page is saved: the page's answers as they are go to
// /q/page/N/shown, which saves nothing and names the questions asked.
// Without the script, the page comes back with the question.
const page = document.querySelector('form[action^="/q/page/"]');
if (page) {
  let asked = 0;
  const update = async () => {
    const mine = ++asked;
    try {
      const reply = await fetch(`${page.getAttribute('action')}/shown`, {
        method: 'POST',
        body: new URLSearchParams(new FormData(page)),
        credentials: 'same-origin',
      });
      if (!reply.ok || mine !== asked) return;  // a later change asked again
      const { items, shown } = await reply.json();
      for (const name of items) {
        const question = document.getElementById(`q-${name}`);
        if (question) question.hidden = !shown.includes(name);
      }
    } catch {
      // Offline or refused: the page still works as without the script.
    }
  };
  page.addEventListener('change', update);
}
