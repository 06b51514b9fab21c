"""A source that tries every hostile trick a YAML file can (shared by the security and validator tests)."""

HOSTILE = r"""symbol: A/RES/80/7
issued: 2025-09-10
session: 80
title: "Hostile <script>alert('title')</script> & friends"
short_title: "Short </title><script>alert(1)</script>"
preamble:
  - "Recalling </p><img src=x onerror=alert(1)> and {{ 7*7 }} together,"
  - "Noting {% include '/etc/passwd' %} and {{ config.__class__ }} and ${7*7},"
  - "Bearing in mind <style>body{background:url(file:///etc/passwd)}</style> and url(http://127.0.0.1:9/x.png),[^n]"
operative:
  - "Decides that AT&T, a < b > c, \"double\" and 'single' quotes stay as typed;"
  - text: "Notes the override \u202Edesrever\u202C and zero\u200Bwidth\u200Djoin\u200Cnon;"
    items:
      - "<iframe src=\"file:///etc/passwd\"></iframe> item"
  - section: "<b>Section</b> & {{ 6*7 }}"
  - "Requests <!-- comment --> and <![CDATA[ x ]]> and &amp; and &#60;literal&#62;."
footnotes:
  n: "Note <a href=\"javascript:alert(1)\">link</a> {{ 7*7 }}."
adopted:
  meeting: 5
  date: 2025-09-09
annexes:
  - title: "Annex <svg onload=alert(1)>"
    paragraphs:
      - "Annex text <object data=\"file:///etc/passwd\"></object>."
"""
