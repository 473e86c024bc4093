"""The bot's own words in the asker's language: answers in the language of the question (as the
knowledge layer detected it), everything else in the language of the person's Slack locale;
English when that language is not on (HPCBOT_LANGUAGES) or Slack cannot say."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from botharness import Bot, start_bot
from fakeslack import ALICE, BOB, FakeSlack
from fakeslack.services import FakeServices, answer_for

from bot.i18n import words_for


@pytest.fixture
def de_and_en_bot(slack: FakeSlack, services: FakeServices, tmp_path: Path) -> Iterator[Bot]:
    """A bot whose HPCBOT_LANGUAGES is en,de."""
    yield from start_bot(slack, "http", services, tmp_path, knowledge={"languages": ("en", "de")})


def test_hpc_help_is_german_for_someone_whose_slack_speaks_german(
    slack: FakeSlack, bot: Bot
) -> None:
    slack.ws.locales[ALICE] = "de-DE"
    slack.slash_command("/hpc", "help")
    help_text = slack.wait_for_message(ephemeral=True)
    assert help_text.ephemeral_to == ALICE
    assert help_text.text.startswith("*hpcbot* beantwortet Fragen zum Zugang zu EuroHPC")
    assert "`/hpc ask <Frage>`" in help_text.text
    # Known now: the next usage comes in the ack, German again, and Slack is not asked twice.
    ack = slack.slash_command("/hpc", "aks why")
    said = (ack.ack_payload or {}).get("text", "")
    assert said.startswith("`/hpc aks` kenne ich nicht. Meintest du `ask`?")
    assert len(slack.api_calls("users.info")) == 1
    assert slack.api_calls("users.info")[0].args["include_locale"] in ("1", "true", True)


def test_specs_card_is_french_around_the_english_facts(slack: FakeSlack, bot: Bot) -> None:
    slack.ws.locales[ALICE] = "fr-FR"
    slack.slash_command("/specs", "lumi")
    card = slack.wait_for_message(ephemeral=True)
    assert "MI250X" in card.all_text  # the catalogue's facts, as they are
    assert "Ces informations sont en anglais, comme leurs sources." in card.all_text
    assert [b["text"]["text"] for b in card.buttons()] == ["Partager dans le canal"]
    slack.click(card, "share_reply")
    shared = slack.wait_for_message(channel="C0GENERAL", ephemeral=False)
    assert f"Partagé par <@{ALICE}>" in shared.all_text


def test_queue_card_labels_in_spanish_and_the_usage_too(slack: FakeSlack, bot: Bot) -> None:
    slack.ws.locales[ALICE] = "es-ES"
    slack.slash_command("/queue", "lumi")
    card = slack.wait_for_message(ephemeral=True)
    assert card.text == "Cola de LUMI"
    assert "*Nodos*\nlibres: 12 · parcialmente ocupados: 0 · ocupados: 2000 de 2012" in (
        card.all_text
    )
    assert "*Trabajos*\nen ejecución: 812 · pendientes: 95" in card.all_text
    assert "Fuente: fake · a fecha de" in card.all_text
    ack = slack.slash_command("/queue", "")
    assert "Máquinas conocidas: `LEONARDO`, `LUMI`, `MareNostrum 5`" in (
        (ack.ack_payload or {}).get("text", "")
    )


def test_deadlines_title_in_polish(slack: FakeSlack, bot: Bot) -> None:
    slack.ws.locales[ALICE] = "pl-PL"
    slack.slash_command("/deadlines", "ai factories")
    reply = slack.wait_for_message(ephemeral=True)
    assert reply.blocks and reply.blocks[0]["text"]["text"] == (
        "Najbliższe terminy EuroHPC: ai factories"
    )
    assert "*AI Factories Large Scale*" in reply.all_text


def test_an_answer_in_italian_has_italian_labels_and_marks_its_quotes_english(
    slack: FakeSlack, bot: Bot
) -> None:
    bot.services.answer = lambda q, c: answer_for(q, language="it")
    question = slack.mention("che GPU ha LUMI?")  # Alice's Slack is in English: no matter
    answer = slack.wait_for_message(thread_ts=question.ts)
    assert "MI250X" in answer.all_text
    assert "*Fonti*" in answer.all_text and "aggiornato al 2025-01-10" in answer.all_text
    assert "I passaggi citati e i fatti sono in inglese, come le loro fonti." in answer.all_text
    assert [b["text"]["text"] for b in answer.buttons()] == [
        ":thumbsup: Utile",
        ":thumbsdown: Non utile",
    ]
    # Bob's Slack speaks German: thanks for his click come in German.
    slack.ws.locales[BOB] = "de-DE"
    slack.click(answer, "feedback_helpful", user=BOB)
    thanks = slack.wait_for_message(lambda m: m.ephemeral_to == BOB, ephemeral=True)
    assert thanks.text == words_for("de").thanks_helpful


def test_hpc_ask_answers_in_the_questions_language_not_the_locales(
    slack: FakeSlack, bot: Bot
) -> None:
    slack.ws.locales[ALICE] = "de-DE"
    bot.services.answer = lambda q, c: answer_for(q, language="fr")
    slack.slash_command("/hpc", "ask quels GPU a LUMI ?")
    answer = slack.wait_for_message(lambda m: m.via == "response_url", ephemeral=True)
    assert "*Sources*" in answer.all_text and "à jour au 2025-01-10" in answer.all_text
    assert {b["text"]["text"] for b in answer.buttons()} == {
        ":thumbsup: Utile",
        ":thumbsdown: Pas utile",
        "Partager dans le canal",
    }


def test_a_locale_hpcbot_has_no_words_for_gets_english(slack: FakeSlack, bot: Bot) -> None:
    slack.ws.locales[ALICE] = "pt-BR"
    slack.slash_command("/hpc", "help")
    reply = slack.wait_for_message(ephemeral=True)
    assert reply.text == words_for("en").hpc_usage


def test_languages_not_in_hpcbot_languages_get_english(
    slack: FakeSlack, de_and_en_bot: Bot
) -> None:
    slack.ws.locales[ALICE] = "fr-FR"
    slack.slash_command("/hpc", "help")
    assert slack.wait_for_message(ephemeral=True).text == words_for("en").hpc_usage
    de_and_en_bot.services.answer = lambda q, c: answer_for(q, language="it")
    question = slack.mention("che GPU ha LUMI?")
    answer = slack.wait_for_message(thread_ts=question.ts)
    assert "*Sources*" in answer.all_text and "inglese" not in answer.all_text
    slack.ws.locales[BOB] = "de-DE"  # German is on
    slack.slash_command("/hpc", "help", user=BOB)
    german = slack.wait_for_message(lambda m: m.ephemeral_to == BOB, ephemeral=True)
    assert german.text == words_for("de").hpc_usage


def test_when_slack_cannot_say_the_locale_the_bot_speaks_english(
    slack: FakeSlack, bot: Bot
) -> None:
    slack.ws.locales[ALICE] = "de-DE"
    slack.inject_fault("users.info", status=200, error="fatal_error")
    slack.slash_command("/hpc", "help")
    assert slack.wait_for_message(ephemeral=True).text == words_for("en").hpc_usage
