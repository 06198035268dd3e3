// Forms whose work takes seconds (document generation) say so while the server works, and
// refuse a second submission. Markup: <form data-busy="Génération en cours…"> holding an
// empty live region <p role="status" data-busy-status></p>.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const label = form.dataset ? form.dataset.busy : undefined;
  if (!label) {
    return;
  }
  if (form.getAttribute("aria-busy") === "true") {
    event.preventDefault();
    return;
  }
  form.setAttribute("aria-busy", "true");
  form.querySelectorAll("button[type=submit]").forEach((button) => {
    button.setAttribute("aria-disabled", "true");
  });
  const status = form.querySelector("[data-busy-status]");
  if (status) {
    status.textContent = label;
  }
});

// Back to a page kept in the browser's cache: the forms are ready again.
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-busy][aria-busy]").forEach((form) => {
    form.removeAttribute("aria-busy");
    form.querySelectorAll("button[aria-disabled]").forEach((button) => {
      button.removeAttribute("aria-disabled");
    });
    const status = form.querySelector("[data-busy-status]");
    if (status) {
      status.textContent = "";
    }
  });
});
