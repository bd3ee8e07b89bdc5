/**
 * The report's only script: the evidence filter (text + status) and opening every <details> for
 * printing. Plain ES5-level DOM code, inline, hashed into the page's Content-Security-Policy.
 */
export const REPORT_SCRIPT = `(function () {
  var input = document.getElementById('evidence-filter');
  var status = document.getElementById('evidence-status');
  var count = document.getElementById('evidence-count');
  var empty = document.getElementById('evidence-empty');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#evidence-table tbody tr'));
  function apply() {
    var text = input.value.trim().toLowerCase();
    var wanted = status.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (text === '' || row.textContent.toLowerCase().indexOf(text) !== -1) &&
        (wanted === '' || row.getAttribute('data-status') === wanted);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + ' of ' + rows.length + ' rows';
    empty.hidden = shown !== 0;
  }
  if (input && status) {
    input.addEventListener('input', apply);
    status.addEventListener('change', apply);
    apply();
  }
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
})();`;
