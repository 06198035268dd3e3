// IT profile form: the names of another solution are shown only when "Autre solution
// (préciser)" is chosen; hidden, they are disabled so that they are not sent. Without
// JavaScript every field is shown and the server checks the choice.
// Markup: <select data-other-value="autre" aria-controls="ID"> and <div id="ID" data-other-fields>.
function bindOtherSolution(root) {
  root.querySelectorAll("select[data-other-value]").forEach((select) => {
    const block = document.getElementById(select.getAttribute("aria-controls"));
    if (!block) {
      return;
    }
    const sync = () => {
      const shown = select.value === select.dataset.otherValue;
      block.hidden = !shown;
      block.querySelectorAll("input").forEach((input) => {
        input.disabled = !shown;
      });
    };
    select.addEventListener("change", sync);
    sync();
  });
}

if (window.htmx) {
  htmx.onLoad(bindOtherSolution);
} else {
  bindOtherSolution(document);
}
