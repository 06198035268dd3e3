// Comboboxes with server suggestions (ARIA 1.2 "list autocomplete"). Markup: an input
// [data-chooser-input] with role="combobox" whose htmx request fills its listbox
// [data-chooser-options] with <li role="option" data-value data-name data-label>, and a live region
// [data-chooser-status]. Arrows move, Enter or a click chooses, Escape closes. The chosen
// value replaces the input's text, or, with data-chooser-append-to="ID", is added as a line
// "value — name" to that textarea. Blocks marked [data-chooser-enhanced] are hidden
// without JavaScript and shown here.
(() => {
  const parts = (input) => {
    const group = input.parentElement;
    return {
      list: group.querySelector("[data-chooser-options]"),
      status: group.querySelector("[data-chooser-status]"),
    };
  };

  const options = (list) => Array.from(list.querySelectorAll("[role=option]"));

  const close = (input) => {
    const { list } = parts(input);
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };

  const activate = (input, index) => {
    const { list } = parts(input);
    const items = options(list);
    if (!items.length) {
      return;
    }
    const current = (index + items.length) % items.length;
    items.forEach((item, position) => {
      item.setAttribute("aria-selected", position === current ? "true" : "false");
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    input.setAttribute("aria-activedescendant", items[current].id);
    items[current].scrollIntoView({ block: "nearest" });
  };

  const choose = (input, option) => {
    const { status } = parts(input);
    const target = input.dataset.chooserAppendTo;
    if (target) {
      const area = document.getElementById(target);
      const line = `${option.dataset.value} — ${option.dataset.name}`;
      area.value = area.value.trim() ? `${area.value.trimEnd()}\n${line}` : line;
      input.value = "";
      status.textContent = `${option.dataset.label} ajouté à la liste.`;
    } else {
      input.value = option.dataset.value;
      status.textContent = `Organisme choisi : ${option.dataset.label}.`;
    }
    close(input);
    input.focus();
  };

  document.querySelectorAll("[data-chooser-enhanced]").forEach((block) => {
    block.hidden = false;
  });

  document.addEventListener("htmx:configRequest", (event) => {
    const input = event.detail.elt;
    if (input.matches && input.matches("[data-chooser-input]")) {
      if (input.name) {
        delete event.detail.parameters[input.name];
      }
      event.detail.parameters.q = input.value;
    }
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    const list = event.detail.target;
    if (!list.matches || !list.matches("[data-chooser-options]")) {
      return;
    }
    const input = document.querySelector(`[aria-controls="${list.id}"]`);
    const items = options(list);
    items.forEach((item, position) => {
      item.id = `${list.id}-${position}`;
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
    const { status } = parts(input);
    if (!input.value.trim() || input.value.trim().length < 2) {
      status.textContent = "";
    } else if (items.length) {
      status.textContent = `${items.length} organisme${items.length > 1 ? "s" : ""} proposé${
        items.length > 1 ? "s" : ""
      } : flèches pour parcourir, Entrée pour choisir.`;
    } else {
      status.textContent = "Aucun organisme ne correspond.";
    }
  });

  document.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches("[data-chooser-input]")) {
      return;
    }
    const { list } = parts(input);
    const items = options(list);
    const current = items.findIndex((item) => item.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) {
        return;
      }
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      activate(input, current === -1 ? (step === 1 ? 0 : -1) : current + step);
    } else if (event.key === "Enter" && !list.hidden && current !== -1) {
      event.preventDefault();
      choose(input, items[current]);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close(input);
    }
  });

  document.addEventListener("click", (event) => {
    const option = event.target.closest && event.target.closest("[data-chooser-options] [role=option]");
    document.querySelectorAll("[data-chooser-input][aria-expanded=true]").forEach((input) => {
      const { list } = parts(input);
      if (option && list.contains(option)) {
        choose(input, option);
      } else if (event.target !== input) {
        close(input);
      }
    });
  });
})();
