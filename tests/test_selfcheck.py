"""Self-checks: questions made from the data, one right answer each, feedback by CSS alone."""

from __future__ import annotations

import re

import pytest

from analytic_reader import load_corpus
from analytic_reader.html.selfcheck import self_check_html
from browser import serve


def test_every_source_has_two_to_four_questions_each_with_one_right_answer_and_both_feedbacks():
    corpus = load_corpus()
    for source_id in corpus.sources.index:
        html = self_check_html(corpus, source_id)
        questions = html.split('<fieldset class="ar-selfcheck">')[1:]
        assert 2 <= len(questions) <= 4, source_id
        for question in questions:
            assert question.count("ar-sc-correct") == 1 and question.count("ar-sc-incorrect") >= 1
            assert 'class="ar-sc-feedback ar-sc-right"' in question and 'class="ar-sc-feedback ar-sc-wrong"' in question
            assert len(set(re.findall(r'name="([^"]+)"', question))) == 1


@pytest.mark.browser
@pytest.mark.book
def test_a_self_check_answers_with_no_script(chromium, instructor_build):
    _, html = instructor_build
    with serve(html) as base:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base}/chapters/growing-ties.html", wait_until="load")
        question = page.locator(".ar-selfcheck").first
        assert not question.locator(".ar-sc-feedback:visible").count()  # nothing until an answer is chosen
        wrong = question.locator("input.ar-sc-incorrect").first.get_attribute("id")
        question.locator(f'label[for="{wrong}"]').click()
        assert (
            question.locator(".ar-sc-wrong:visible").count() == 1
            and not question.locator(".ar-sc-right:visible").count()
        )
        right = question.locator("input.ar-sc-correct").get_attribute("id")
        question.locator(f'label[for="{right}"]').click()
        assert (
            question.locator(".ar-sc-right:visible").count() == 1
            and not question.locator(".ar-sc-wrong:visible").count()
        )
        context.close()
