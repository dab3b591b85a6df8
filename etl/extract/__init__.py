"""The extractor: from one report's text to its province mentions, in stages.

    text      body lines and sentences (page furniture dropped), normalised for matching
    places    province names and places inside provinces (etl/places.csv) found in the text
    actors    who is named in a sentence: the NRF under its names, the Taliban, others
    events    what the clause holding a place says happened: attack, presence or other
    claims    who asserts it: the NRF, Taliban officials or a third party
    dating    the years the described activity covers
    mentions  the stages put together: extract_mentions(text, published)
"""

from etl.extract.mentions import extract_mentions

__all__ = ["extract_mentions"]
