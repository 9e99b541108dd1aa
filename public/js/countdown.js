// Ticks the server-rendered time left on a round's page once a minute; without JavaScript the page still shows it.
(function () {
  var el = document.querySelector("[data-countdown-to]");
  if (!el) return;
  var to = new Date(el.getAttribute("data-countdown-to")).getTime();
  var d = el.getAttribute("data-label-days");
  var h = el.getAttribute("data-label-hours");
  var m = el.getAttribute("data-label-minutes");
  function render() {
    var minutes = Math.max(0, Math.ceil((to - Date.now()) / 60000));
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    var parts = [];
    if (days) parts.push(days + " " + d);
    if (days || hours) parts.push(hours + " " + h);
    parts.push((minutes % 60) + " " + m);
    el.textContent = parts.join(" ");
    if (minutes === 0) window.clearInterval(timer);
  }
  var timer = window.setInterval(render, 30000);
})();
