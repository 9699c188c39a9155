// Copy buttons: <button data-copy="input-id"> copies that input's value and says so in #copy-status.
/* global document, navigator, Element */
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
  if (!button) return;
  const input = document.getElementById(button.getAttribute('data-copy'));
  const status = document.getElementById('copy-status');
  if (!input) return;
  const done = () => {
    if (status) status.textContent = 'Link copied.';
  };
  const fallback = () => {
    input.select();
    if (status) status.textContent = 'Press Ctrl+C (or Cmd+C) to copy the selected link.';
  };
  if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(done, fallback);
  else fallback();
});
