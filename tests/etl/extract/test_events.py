"""Actors and categories: NRF activity versus everything else, on short unseen-style sentences."""

from __future__ import annotations

import pytest

from etl.extract import extract_mentions
from etl.extract.actors import JIHADIST, NRF, OTHER, TALIBAN, find_actors
from etl.extract.events import analyse


def cats(text: str, published: str = "2023-06") -> list[tuple[str, str, str]]:
    return [(m.matched_text, m.province, m.category) for m in extract_mentions(text, published)]


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("the NRF", NRF),
        ("the National Resistance Front", NRF),
        ("resistance forces", NRF),
        ("Resistance fighters", NRF),
        ("Massoud's forces", NRF),
        ("the anti-Taliban resistance", NRF),
        ("the Taliban", TALIBAN),
        ("the Talibs", TALIBAN),
        ("ISIS-K", JIHADIST),
        ("IS-K", JIHADIST),
        ("the Islamic State", JIHADIST),
        ("al-Qaeda", JIHADIST),
        ("the Afghanistan Freedom Front", OTHER),
        ("Ahmad Shah Massoud", OTHER),
    ],
)
def test_actor_names(phrase, kind):
    actors = find_actors(f"Yesterday {phrase} said something.")
    assert [a.kind for a in actors][:1] == [kind]


def test_taliban_as_the_object_of_an_attack_is_a_target():
    (nrf, taliban) = find_actors("NRF fighters ambushed a Taliban convoy.")
    assert nrf.kind == NRF and not nrf.is_target
    assert taliban.kind == TALIBAN and taliban.is_target


@pytest.mark.parametrize(
    "sentence",
    [
        "At first the NRF held ground in the valley.",
        "On Sunday the resistance fighters struck a checkpoint.",
        "At least the NRF fighters kept their posts.",
        "On 4 May the NRF raided a post.",
    ],
)
def test_a_time_phrase_before_the_nrf_does_not_make_it_a_target(sentence):
    """'at', 'on' and 'with' take an object, but not in 'at first' or 'on Sunday'."""
    (nrf,) = find_actors(sentence)
    assert nrf.kind == NRF and not nrf.is_target


def test_the_nrf_after_a_preposition_is_a_target():
    (taliban, nrf) = find_actors("Taliban attacks on NRF positions went on all night.")
    assert taliban.kind == TALIBAN and nrf.kind == NRF and nrf.is_target


def test_a_clash_between_the_taliban_and_the_nrf_named_far_apart():
    text = (
        "Fighting in the north\n\n"  # a headline that does not make the NRF the topic
        "Clashes broke out in Panjshir province between fighters of the Taliban, who had "
        "arrived a week earlier from the southern provinces, and National Resistance Front "
        "forces, a local outlet reported."
    )
    assert cats(text) == [("Panjshir province", "Panjshir", "attack")]


def test_his_forces_after_massoud_writes_are_the_nrf():
    text = "In a post on X, Massoud wrote that his forces had attacked a Taliban post in Khinj."
    assert cats(HEADLINE + text) == [("Khinj", "Panjshir", "attack")]


def test_a_reference_is_the_nearest_actor_named_before_it():
    ctx = analyse("The NRF said the Taliban had massed their fighters near the pass.", None)
    assert [a.kind for a in ctx.actors] == [NRF, TALIBAN, TALIBAN]


def test_anti_taliban_forces_in_the_headline_make_the_nrf_the_topic():
    text = "Anti-Taliban forces dig in\n\nHeavy fighting was reported in Andarab on Monday.\n"
    assert cats(text) == [("Andarab", "Baghlan", "attack")]


def test_unattributed_attacks_on_the_taliban_in_a_report_about_the_nrf():
    text = (
        "Resistance fighters step up raids in the north\n\n"
        "Last week there were several attacks on Taliban checkpoints in Nahrin district.\n"
    )
    assert cats(text) == [("Nahrin district", "Baghlan", "attack")]


def test_a_headline_about_another_group_does_not_make_the_nrf_the_topic():
    text = (
        "Freedom Front says it struck Taliban posts\n\n"
        "The NRF has not commented. The NRF and the front are rivals.\n"
        "Last week there were several attacks on Taliban checkpoints in Nahrin district.\n"
    )
    assert cats(text) == [("Nahrin district", "Baghlan", "other")]


HEADLINE = "Weekly report on the fighting across the north\n\n"


@pytest.mark.parametrize(
    ("text", "place", "province"),
    [
        ("The NRF said it carried out 14 attacks last month. Takhar saw six of them.",
         "Takhar", "Takhar"),
        ("Resistance fighters ambushed a convoy on Tuesday. The attack took place in Khinj.",
         "Khinj", "Panjshir"),
        ("The front issued a statement on Sunday. The statement listed operations in Tagab.",
         "Tagab", "Kapisa"),
        ("Resistance fighters ambushed a convoy on Monday. It happened in the Abshar valley.",
         "Abshar valley", "Panjshir"),
        ("The front reported heavy fighting overnight. Tagab was the scene of the clashes.",
         "Tagab", "Kapisa"),
        ("NRF fighters attacked a Taliban post on Friday. Three Taliban were killed there, in "
         "Farkhar.", "Farkhar", "Takhar"),
    ],
)
def test_events_referred_back_to_are_the_previous_sentence_s(text, place, province):
    assert (place, province, "attack") in cats(HEADLINE + text)


def test_victims_of_a_separate_incident_are_not_the_nrf_s():
    text = (
        "NRF fighters attacked a Taliban post on Friday. In a separate incident, four Taliban "
        "fighters died during a house search in Jalalabad."
    )
    assert ("Jalalabad", "Nangarhar", "other") in cats(HEADLINE + text)


def test_events_referred_back_to_after_someone_else_s_are_not_the_nrf_s():
    text = "ISIS-K claimed 14 attacks last month. Kabul saw six of them."
    assert ("Kabul", "Kabul", "other") in cats(HEADLINE + text)


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban executed five NRF fighters in Khinj on Sunday.",
        "Taliban forces arrested three resistance fighters in Khinj.",
        "NRF: seven Taliban killed in clash in Khinj",
        "Khinj: NRF fighters raid Taliban post",
        "Taliban forces surrounded an NRF hideout in Khinj.",
        "The Taliban launched an operation in Khinj to hunt down resistance fighters.",
    ],
)
def test_force_on_the_nrf_and_headline_participles_are_clashes(text):
    assert cats(HEADLINE + text) == [("Khinj", "Panjshir", "attack")]


def test_a_dateline_with_a_date_is_where_the_story_was_filed():
    text = "KABUL, May 9, 2022 (Reuters) - NRF fighters clashed with the Taliban in Khinj."
    assert cats(HEADLINE + text, "2022-05") == [
        ("KABUL", "Kabul", "other"), ("Khinj", "Panjshir", "attack")
    ]


def test_nrf_ambush_in_a_district_is_an_attack():
    assert cats("NRF fighters ambushed a Taliban convoy in Khinj district on Tuesday.") == [
        ("Khinj district", "Panjshir", "attack")
    ]


def test_resistance_clash_in_andarab_valley_of_baghlan():
    got = cats(
        "Resistance forces clashed with the Taliban in the Andarab valley of Baghlan last week."
    )
    assert got == [("Andarab valley", "Baghlan", "attack"), ("Baghlan", "Baghlan", "attack")]


def test_afghanistan_freedom_front_is_not_the_nrf():
    assert cats("The Afghanistan Freedom Front claimed an attack in Kapisa.") == [
        ("Kapisa", "Kapisa", "other")
    ]


def test_isis_k_bombing_is_not_nrf_activity():
    assert cats("ISIS-K bombed a mosque in Kunduz.") == [("Kunduz", "Kunduz", "other")]


def test_taliban_only_event_is_other():
    got = cats(
        "Taliban forces launched a clearing operation in Dara and Rokha districts of Panjshir."
    )
    assert {c for _, _, c in got} == {"other"}
    assert [p for _, p, _ in got] == ["Panjshir", "Panjshir", "Panjshir"]


def test_presence_without_attack():
    got = cats("Resistance fighters are operating in the Khawak pass area and have bases in Anaba.")
    assert got == [("Khawak pass", "Panjshir", "presence"), ("Anaba", "Panjshir", "presence")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts expect the NRF to expand into Takhar and Badakhshan next year.",
        "The NRF might try to attack Bagram in the future.",
        "In the longer term, the NRF's goal will be to control districts in Takhar.",
        "If it had weapons, the NRF could seize Charikar.",
    ],
)
def test_forecasts_and_aspirations_are_not_activity(sentence):
    got = cats(sentence)
    assert got and {c for _, _, c in got} == {"other"}


def test_former_governor_title_is_other():
    got = cats("Ahmad Massoud met Ismail Khan, the former governor of Herat, in Dushanbe.")
    assert got == [("Herat", "Herat", "other")]


def test_history_before_the_nrf_is_other():
    got = cats("In 1996 the resistance fighters of the Northern Alliance held Panjshir.", "2021-09")
    assert got == [("Panjshir", "Panjshir", "other")]


def test_distance_reference_is_not_where_the_nrf_is():
    got = cats("The NRF is based in the Panjshir Valley, 60 miles northeast of Kabul.")
    assert got == [("Panjshir Valley", "Panjshir", "presence"), ("Kabul", "Kabul", "other")]


def test_a_list_takes_the_statements_category():
    got = cats(
        "In total, the NRF has attacked Taliban targets in 5 provinces including Panjshir, "
        "Baghlan, Parwan, Kapisa, and Sar-i-Pul.",
        "2024-08",
    )
    assert [(p, c) for _, p, c in got] == [
        ("Panjshir", "attack"),
        ("Baghlan", "attack"),
        ("Parwan", "attack"),
        ("Kapisa", "attack"),
        ("Sar-e Pol", "attack"),
    ]


def test_taliban_clause_and_nrf_clause_in_one_sentence():
    got = cats(
        "Soon after the Taliban captured Kabul, Ahmad Massoud relocated to the Panjshir Valley "
        "to lead the NRF."
    )
    assert got == [("Kabul", "Kabul", "other"), ("Panjshir Valley", "Panjshir", "presence")]


def test_the_group_refers_back_to_the_nrf():
    got = cats(
        "There were several NRF attacks on Taliban targets in Herat. "
        "The group has also hit targets in the heart of Kabul."
    )
    assert got == [("Herat", "Herat", "attack"), ("Kabul", "Kabul", "attack")]


def test_the_group_after_an_isis_sentence_is_not_the_nrf():
    got = cats("IS-K bombed a school in Kabul. The group also attacked a mosque in Kunduz.")
    assert [c for _, _, c in got] == ["other", "other"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Taliban forces attacked homes in Panjshir, accusing residents of supporting the NRF.",
            [("Panjshir", "other")],
        ),
        (
            "The NRF said the Taliban arrested dozens of civilians in Panjshir's Dara district.",
            [("Panjshir", "other"), ("Panjshir", "other")],
        ),
        (
            "Taliban officials said NRF fighters attacked a checkpoint in Tagab, Kapisa.",
            [("Kapisa", "attack"), ("Kapisa", "attack")],
        ),
        (
            "NRF spokesman Sibghatullah Ahmadi said two Taliban were killed in Shutul.",
            [("Panjshir", "attack")],
        ),
        (
            "Fighting between the Taliban and the resistance front has intensified in Andarab.",
            [("Baghlan", "attack")],
        ),
        (
            "Local sources in Baghlan told Amu TV that the NRF has a strong presence in Andarab.",
            [("Baghlan", "presence"), ("Baghlan", "presence")],
        ),
        (
            "The NRF's military chief said resistance forces would soon open new fronts in Kunduz.",
            [("Kunduz", "other")],
        ),
        (
            "Kabul Now reported that Taliban forces detained four men in Parwan's Salang district.",
            [("Kabul", "other"), ("Parwan", "other"), ("Parwan", "other")],
        ),
    ],
)
def test_who_does_what_in_reported_speech_and_passives(sentence, expected):
    assert [(p, c) for _, p, c in cats(sentence)] == expected


def test_publisher_names_and_based_are_not_places_of_activity():
    got = cats("Kabul Now reported that NRF fighters attacked a Taliban post in Rokha.")
    assert got == [("Kabul", "Kabul", "other"), ("Rokha", "Panjshir", "attack")]
    got = cats("A Kabul-based analyst said NRF fighters attacked a Taliban post in Rokha.")
    assert got == [("Kabul", "Kabul", "other"), ("Rokha", "Panjshir", "attack")]


def test_circumstance_clause_is_not_where_the_nrf_acts():
    got = cats("Two years after the fall of Kabul, the NRF remains active in Panjshir.")
    assert got == [("Kabul", "Kabul", "other"), ("Panjshir", "Panjshir", "presence")]


def test_claiming_an_attack_is_not_reported_speech():
    got = cats("The NRF claimed an IED attack in Kabul city in March 2023, which Taliban denied.")
    assert got == [("Kabul city", "Kabul", "attack")]


def test_its_fighters_after_an_introductory_date():
    got = cats(
        "Throughout 2022, the NRF conducted hit-and-run attacks in Kapisa. "
        "In May 2022 its fighters briefly seized parts of Dara district.",
        "2023-10",
    )
    assert [(p, c) for _, p, c in got] == [("Kapisa", "attack"), ("Panjshir", "attack")]


def test_we_in_a_quote_refers_to_a_resistance_speaker():
    got = cats(
        '"We are not going anywhere," said a resistance commander. '
        '"We control the heights above Khinj and Paryan."'
    )
    assert [(p, c) for _, p, c in got] == [("Panjshir", "presence"), ("Panjshir", "presence")]


def test_dateline_then_circumstance_clause():
    got = cats(
        "KABUL, Afghanistan (AP) — After the Taliban swept into Kabul, the resistance "
        "kept fighting in the mountains north of Kabul and in Andarab."
    )
    assert [(p, c) for _, p, c in got] == [
        ("Kabul", "other"),
        ("Kabul", "other"),
        ("Kabul", "other"),
        ("Baghlan", "attack"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The NRF has not been active in Herat.",
        "The NRF denied any role in the Kandahar blast.",
        "Activists urged the NRF to open a front in Kunduz.",
        "The NRF pledged to liberate Takhar.",
    ],
)
def test_denials_and_appeals_are_not_activity(sentence):
    got = cats(sentence)
    assert got and {c for _, _, c in got} == {"other"}


def test_not_only_is_not_a_negation():
    got = cats("The NRF is not only active in Panjshir but also in Andarab.")
    assert [c for _, _, c in got] == ["presence", "presence"]


def test_where_clause_about_the_place():
    got = cats(
        "In September 2021 the Taliban held a council in Panjshir, where the NRF was based.",
        "2022-01",
    )
    assert got == [("Panjshir", "Panjshir", "presence")]
    got = cats("The Taliban sent troops to Kunduz, where ISIS-K is active.")
    assert got == [("Kunduz", "Kunduz", "other")]


def test_and_with_a_bare_verb_keeps_the_nrf_as_subject():
    got = cats(
        "The front's fighters struck Taliban convoys near Dushi in Baghlan, and claimed to "
        "have shot down a Taliban helicopter in Khost wa Fereng district."
    )
    assert {c for _, _, c in got} == {"attack"}
    assert {p for _, p, _ in got} == {"Baghlan"}


def test_taliban_claims_about_the_nrf_are_not_nrf_activity():
    got = cats("Taliban officials say the NRF was defeated and that life in Panjshir is normal.")
    assert got == [("Panjshir", "Panjshir", "other")]


def test_speakers_place_is_not_where_the_nrf_acts():
    got = cats("Residents of Andarab said NRF fighters had fled after a Taliban operation.")
    assert got == [("Andarab", "Baghlan", "other")]


def test_taliban_hitting_the_nrf_is_a_clash_with_the_nrf():
    assert cats("Taliban Kill Five NRF Fighters in Panjshir") == [
        ("Panjshir", "Panjshir", "attack")
    ]
    # arrests of NRF members are force used on the NRF there: a clash (issue 7)
    assert cats("The Taliban arrested NRF members in Andarab.") == [
        ("Andarab", "Baghlan", "attack")
    ]


# --- reading events: references, the NRF as object, unnamed fights, movements, reactions -----
# Each sentence below is written for this test (not taken from a seed or the eval corpus) and
# fails without the rule named in its test's name.


def activity(text: str, published: str = "2023-06") -> dict[str, str]:
    """Strongest category per province, as the map reads a report."""
    rank = {"other": 0, "presence": 1, "attack": 2}
    out: dict[str, str] = {}
    for _, province, cat in cats(text, published):
        if rank[cat] >= rank[out.get(province, "other")]:
            out[province] = cat
    return out


def test_its_fighters_refers_to_the_nrf_named_before():
    text = "The NRF issued a statement on Friday. Its fighters raided a Taliban post in Khinjan."
    assert activity(text)["Baghlan"] == "attack"


def test_its_fighters_of_another_group_stay_theirs():
    text = "ISIS-K issued a statement on Friday. Its fighters bombed a bus in Jalalabad."
    assert activity(text)["Nangarhar"] == "other"


def test_a_pronoun_after_the_nrf_speech_verb_is_the_nrf():
    text = "The front says that over the weekend it overran two Taliban checkpoints in Nijrab."
    assert activity(text)["Kapisa"] == "attack"


def test_taliban_fighting_the_nrf_anywhere_in_the_sentence_is_a_clash_at_the_place():
    text = (
        "Taliban units raided villages in Rokha district while hunting resistance fighters "
        "in the mountains."
    )
    assert activity(text)["Panjshir"] == "attack"


def test_fighting_with_no_named_side_in_a_report_about_the_nrf():
    text = (
        "NRF keeps up its campaign\n\n"
        "The National Resistance Front has been active for two years. Heavy clashes were "
        "reported on Tuesday in Warsaj district."
    )
    assert activity(text)["Takhar"] == "attack"


def test_fighting_with_no_named_side_is_not_the_nrf_in_a_report_about_others():
    text = "Heavy clashes were reported on Tuesday in Warsaj district, officials said."
    assert activity(text)["Takhar"] == "other"


def test_a_burial_place_is_not_where_the_fighting_was():
    text = (
        "NRF claims gains\n\nThe NRF says the fighting has cost the Taliban dearly. A commander "
        "killed in the fighting was buried on Sunday in Lashkar Gah."
    )
    assert activity(text)["Helmand"] == "other"


def test_where_fighters_were_sent_to_or_came_from_is_not_a_clash():
    text = (
        "The Taliban moved 300 fighters from Gereshk in Helmand province and sent them to "
        "Badakhshan to confront the NRF."
    )
    got = activity(text)
    assert got["Helmand"] == "other" and got["Badakhshan"] == "other"


def test_a_taliban_commander_fleeing_to_a_city_is_not_activity_there():
    text = "A Taliban commander who led the campaign against the NRF has fled to Mazar-i-Sharif."
    assert activity(text)["Balkh"] == "other"


def test_the_nrf_condemning_an_event_is_not_activity_there():
    text = "The NRF condemned Saturday's suicide bombing at a school in Kunduz."
    assert activity(text)["Kunduz"] == "other"


def test_a_direction_from_a_city_is_a_reference_point():
    text = "NRF fighters attacked a Taliban convoy in Panjshir, northeast of Kabul, on Monday."
    got = activity(text)
    assert got["Panjshir"] == "attack" and got["Kabul"] == "other"


def test_the_north_of_a_province_is_inside_it():
    text = "NRF fighters attacked a Taliban convoy in the north of Kapisa on Monday."
    assert activity(text)["Kapisa"] == "attack"


def test_taliban_driven_back_are_the_nrf_victims():
    text = "The NRF said the Taliban had been driven back from Tagab after a day of fighting."
    assert activity(text)["Kapisa"] == "attack"


def test_taking_territory_is_an_attack():
    text = "Resistance forces took control of three villages in Yakawlang, the group said."
    assert activity(text)["Bamyan"] == "attack"


@pytest.mark.parametrize(
    "sentence",
    [
        "NRF activity was recorded in Ghor for the first time.",
        "After the takeover, the NRF pulled back into the Ghorband valley.",
    ],
)
def test_presence_words_of_general_english(sentence):
    assert set(activity(sentence, "2022-06").values()) == {"presence"}


@pytest.mark.parametrize(
    "name",
    ["anti-Taliban forces", "fighters resisting the Taliban", "forces of the Resistance"],
)
def test_the_nrf_under_descriptions(name):
    assert find_actors(f"Yesterday {name} attacked a post.")[0].kind == NRF


def test_opponent_named_second_in_a_between_phrase_is_engaged():
    text = "Clashes broke out in Paryan between members of the Taliban and NRF fighters."
    assert activity(text)["Panjshir"] == "attack"


def test_a_place_the_text_puts_in_another_province_follows_the_text():
    # Baharak is a district of Badakhshan, and a district of Takhar has the same name.
    text = "The NRF said its fighters struck Baharak district in Takhar province."
    assert set(activity(text)) == {"Takhar"}


@pytest.mark.parametrize(
    "text",
    [
        # attack words of everyday war reporting
        "NRF fighters shot dead two Taliban officers in Khinj.",
        "Resistance fighters gunned down a Taliban commander in Khinj.",
        "The NRF recaptured three villages in Khinj on Monday.",
        "The NRF retook a district centre in Khinj.",
        "NRF fighters opened fire on a Taliban patrol in Khinj.",
        "Resistance fighters exchanged gunfire with Taliban units in Khinj.",
        "The NRF said it shelled Taliban trenches in Khinj.",
        "The front said its men fired rockets at a Taliban base in Khinj.",
        "NRF fighters fired mortars at a Taliban post in Khinj.",
        "The NRF threw grenades at a Taliban vehicle in Khinj.",
        "NRF snipers picked off two Taliban guards in Khinj.",
        "The NRF claimed the assassination of a Taliban judge in Khinj.",
        "NRF fighters destroyed a Taliban pickup in Khinj.",
        # the Taliban as the victims: passive, shot, under fire, "members of the NRF" as object
        "In Khinj district, a Taliban commander was shot dead by NRF fighters.",
        "Taliban positions in Khinj came under fire from resistance fighters overnight.",
        "Taliban forces arrested five members of the NRF in Khinj after a gunfight.",
        # a subject shared with another anti-Taliban group
        "The Afghanistan Freedom Front and the NRF both claimed attacks in Khinj this month.",
        "The NRF's fighters downed a Taliban drone over Khinj, the front claimed.",
        # the Taliban's losses: they are the victims
        "The front said Taliban forces had suffered heavy casualties in Khinj.",
        "The Taliban have lost dozens of fighters in Khinj to NRF ambushes, the front said.",
        "NRF: Taliban suffer heavy losses in Khinj clashes",  # a headline's present tense
        "The NRF said its fighters were battling the Taliban in Khinj.",
        "Witnesses said NRF fighters and Taliban forces exchanged fire in Khinj for hours.",
    ],
)
def test_attacks_in_everyday_war_reporting(text):
    assert [(p, c) for _, p, c in cats(HEADLINE + text)] == [("Panjshir", "attack")]


@pytest.mark.parametrize(
    "text",
    [
        "All that is left of the Panjshir resistance are torn posters.",  # inside its name
        "He said the armed resistance had spread beyond Khinj.",
        "The NRF has widened its reach to Khinj.",
        "The front has extended its reach to Khinj.",
    ],
)
def test_presence_in_a_name_and_in_a_spreading_reach(text):
    assert [(p, c) for _, p, c in cats(HEADLINE + text)] == [("Panjshir", "presence")]


def test_an_origin_ends_at_its_name_not_at_the_next_place():
    text = "Taliban fighters brought in from Kandahar attacked resistance positions in Khinj."
    assert [(p, c) for _, p, c in cats(HEADLINE + text)] == [
        ("Kandahar", "other"), ("Panjshir", "attack")
    ]


def test_a_crackdown_on_civilians_is_not_a_fight_with_the_nrf():
    headline = "NRF says its fighters killed Taliban in the north\n\n"  # a report about the NRF
    text = "The NRF said the Taliban's crackdown on women in Khinj showed its true face."
    assert [(p, c) for _, p, c in cats(headline + text)] == [("Panjshir", "other")]


@pytest.mark.parametrize(
    "text",
    [
        "NRF fighters have taken up positions on the heights above Khinj.",  # not taking them
        "The NRF said it had opened a new front in Khinj.",
    ],
)
def test_deploying_and_opening_a_front_are_presence(text):
    assert [(p, c) for _, p, c in cats(HEADLINE + text)] == [("Panjshir", "presence")]


def test_making_no_claim_about_a_place_is_not_activity_there():
    text = "The front said it attacked a Taliban post in Khinj; it made no claim about Herat."
    assert [(p, c) for _, p, c in cats(HEADLINE + text)] == [
        ("Panjshir", "attack"), ("Herat", "other")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the Taliban fighting someone else than the NRF, in a report about the NRF
        "Taliban fighters clashed with local miners in Khinj over gold mines.",
        "Taliban forces clashed with drug smugglers in Khinj.",
        # origins of people, not where the NRF acts
        "NRF supporters rallied abroad, holding pictures of victims from Khinj.",
        "NRF commanders from Khinj attended the meeting in Tajikistan.",
        # the Soviet war is history
        "Massoud's father led the resistance in Khinj against the Soviets.",
    ],
)
def test_others_fights_origins_and_the_soviet_war_are_not_nrf_activity(text):
    headline = "NRF says its fighters killed Taliban in the north\n\n"
    assert [(p, c) for _, p, c in cats(headline + text)] == [("Panjshir", "other")]


@pytest.mark.parametrize(
    "text",
    [
        "Resistance fighters are hiding in the mountains of Khinj.",
        "NRF units have moved into Khinj.",
        "The resistance has set up camps in Khinj.",
        "Hundreds of NRF fighters are stationed in Khinj.",
        "Some resistance fighters are thought to remain in Khinj.",
        "NRF fighters were seen in Khinj last week, residents said.",
        "NRF fighters were sighted in Khinj.",
        "NRF fighters were spotted in Khinj.",
    ],
)
def test_presence_words_of_everyday_reporting(text):
    assert [(p, c) for _, p, c in cats(HEADLINE + text)] == [("Panjshir", "presence")]
