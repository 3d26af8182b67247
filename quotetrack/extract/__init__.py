"""Statement extraction: cues, candidates, speakers. (being rebuilt)"""
