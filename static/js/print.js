// The summary's Print button (there is no inline script: the page keeps a strict policy).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
