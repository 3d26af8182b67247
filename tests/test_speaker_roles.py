"""Where a speaker option stands toward the cue: the grammatical role read from the surface (invented sentences,
built-in engine). Each case gives the roles some mentions must have, or (`not …`) must not have."""
from __future__ import annotations

import pytest

from quotetrack.analysis import analyse
from quotetrack.extract import read_candidates
from quotetrack.extract.speakers import grammatical_roles
from quotetrack.models import Article


def roles(text: str, cue_word: str) -> dict[str, str]:
    """Each mention's role toward the cue whose word is `cue_word`, by the mention's text."""
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and doc.lower[c.cue.word] == cue_word)
    found = grammatical_roles(doc, candidate, list(doc.mentions))
    return {m.text: found.get(m.first) for m in doc.mentions}


CASES = {
    "a name set off after a marker's title and a place phrase is apposed to the title": (
        "Secondo un portavoce di Marco Rossi a Milano, Anna Neri, il piano partirà presto.", "secondo",
        {"Anna Neri": "marker"}),
    "a name set off after a subject's title and a place phrase is the subject": (
        "Il rappresentante del governo in Italia, Anna Neri, ha detto che il piano partirà presto.", "detto",
        {"Anna Neri": "subject", "Il rappresentante del governo": "not subject"}),
    "a da phrase after another verb between it and the cue is that verb's agent": (
        ("Il ministro Marco Bianchi ha parlato a lungo. Chiuso lo scrutinio la deputata ha preso la parola, per venire "
         "poi fermata da Bianchi: «Oggi l'aula ha scelto la strada più comoda e non quella giusta.» «Domani molti se "
         "ne pentiranno.»"), "preso", {"Bianchi": "not agent", "la deputata": "subject"}),
    "a name after a title in a prepositional phrase is in it": (
        "Su richiesta del ministro dei Trasporti Marco Bianchi, Mario Rossi ha detto che il piano partirà.",
        "detto", {"Marco Bianchi": "prepositional", "Mario Rossi": "subject"}),
    "people coordinated in a prepositional phrase are in it": (
        "Davanti ai giudici Marco Bianchi, Luca Verdi e Paola Neri, l'assessore ha ammesso di aver sbagliato.",
        "ammesso", {"Marco Bianchi": "prepositional", "Luca Verdi": "prepositional", "Paola Neri": "prepositional"}),
    "a title after a titled name in a prepositional phrase opens a new phrase": (
        ("Malgrado la smentita del direttore generale Marco Rossi, l'assessore al bilancio, Anna Neri, ha dichiarato "
         "che i conti non tornano."), "dichiarato", {"Marco Rossi": "prepositional", "Anna Neri": "subject"}),
    "a person coordinated after a prepositional phrase with a verb of its own is not in it": (
        "Dopo l'incontro con Luca Verdi e Paola Neri ha detto che il piano partirà.", "detto",
        {"Paola Neri": "not prepositional"}),
    "names apposed to a capitalised noun with a complement are its subject": (
        "I Presidenti di Regione e Provincia, Marco Rossi e Anna Neri, hanno chiesto «più fondi per le scuole».",
        "chiesto", {"Marco Rossi": "subject"}),
    "a country's adjective is in the prepositional phrase of its noun": (
        "Il ministro parla a lungo del turismo italiano, affermando di avere fiducia nella stagione.", "affermando",
        {"italiano": "prepositional", "Il ministro": "subject"}),
    "a name after an organisation's noun in a prepositional phrase is in it": (
        "In un'intervista al quotidiano Alfa Sera, Mario Rossi ha detto che il piano partirà.", "detto",
        {"Alfa Sera": "prepositional", "Mario Rossi": "subject"}),
    "a subject stands before the verbs governing a light cue": (
        ("La Francia non vinceva la coppa da anni, e oggi lo stesso Mario Rossi ha voluto far sapere che la squadra "
         "è pronta."), "far", {"Mario Rossi": "subject", "Francia": "not subject"}),
    "a relative pronoun stands before the verbs governing a light cue": (
        "Alla fine è intervenuto anche Mario Rossi, che ha voluto far sapere che la squadra è pronta.", "far",
        {"Mario Rossi": "relative"}),
    "a relative pronoun stands before a time expression without commas": (
        "La proposta è stata criticata da Mario Rossi, che due anni fa aveva detto che il piano era sbagliato.",
        "detto", {"Mario Rossi": "relative"}),
    "a relative pronoun stands before a time expression opened by a preposition": (
        "La proposta è stata criticata da Mario Rossi, che nel 2010 aveva detto che il piano era sbagliato.",
        "detto", {"Mario Rossi": "relative"}),
    "a gerund after a list of objects shares the subject of the verb before the list": (
        ("Intanto Mario Rossi nel suo discorso ha attaccato i sindacati, la stampa e l'Europa, dichiarando che il "
         "partito non sosterrà la legge."), "dichiarando", {"Mario Rossi": "subject", "Europa": "not subject"}),
    "a gerund after a clause opened by che shares the subject of the verb before it": (
        "Mario Rossi ha detto che il governo ha sbagliato, aggiungendo che la legge va cambiata.", "aggiungendo",
        {"Mario Rossi": "subject", "il governo": "not subject"}),
    "a titled name inside a relative aside opened after a noun is no subject": (
        ("La studiosa, durante la cena alla quale partecipava pure l'assistente del vescovo, Marco Rossi, ha "
         "proposto una «ricerca comune»."), "proposto", {"Marco Rossi": "not subject"}),
    "a name in a participle's phrase set off before the verb is no subject": (
        ("La legge è stata approvata ieri. Anna Neri, del Centro per i diritti, intervistata a Russia Sera, afferma "
         "che la sicurezza in rete può dare benefici a tutti."), "afferma", {"Anna Neri": "subject", "Sera": "not subject"}),
    "a word read as a verb after an article is a noun, and the phrase after it no object": (
        "Dopo il voto il ministro Mario Rossi ha dichiarato che la legge è giusta.", "dichiarato",
        {"il ministro": "subject", "Mario Rossi": "not object"}),
    "a name after a noun in a prepositional phrase is the subject of the verb right after it": (
        "In un comunicato Alfa Treni ha fatto sapere che i ritardi sono finiti.", "fatto", {"Alfa Treni": "subject"}),
    "a word read as a verb after a possessive is a noun, and the phrase after it no object": (
        "A loro difesa i medici della squadra sostengono che il giocatore era sano.", "sostengono",
        {"i medici della squadra": "subject"}),
    "a gerund after a verb reporting the quotation before it shares that verb's subject after it": (
        "«Il piano è pronto», ha detto Mario Rossi, aggiungendo che partirà domani.", "aggiungendo",
        {"Mario Rossi": "subject"}),
    "a gerund after coordinated verbs shares the subject of the first": (
        ("Il ministro ha chiesto di fornire una relazione e ha annunciato che il governo cambierà la legge, chiedendo "
         "ai concessionari di investire."), "chiedendo", {"Il ministro": "subject", "una relazione": "not subject"}),
    "the speaker's slot after the words reported passes the phrase they were said to": (
        "«Il papa è sereno». È quanto ha dichiarato alla stampa in mattinata il portavoce Mario Rossi.", "dichiarato",
        {"il portavoce": "after", "stampa": "prepositional"}),
    "the agent of words a marker names past an adjective is the source": (
        "Secondo le ultime dichiarazioni rese ai giudici da Mario Rossi, l'incendio sarebbe stato accidentale.",
        "secondo", {"Mario Rossi": "marker"}),
    "a lone word set off after a subject title is its holder's surname": (
        "Il direttore di Radio Alfa, Gentili, ha così commentato la notizia: «Ci mancherà».", "commentato",
        {"Gentili": "subject"}),
    "the da parte di complement of a noun of words is its agent": (
        "La società Alfa ha accolto subito la richiesta da parte del giudice Mario Rossi di chiudere il sito.", "richiesta",
        {"giudice": "agent"}),
    "a subject after the words reported may follow a short prepositional phrase": (
        "«Il piano è sbagliato», ha detto in una nota Mario Rossi.", "detto", {"Mario Rossi": "postverbal"}),
    "a name after the words reported and a phrase naming whom they were said to does not speak": (
        "«Il piano è sbagliato», ha detto al ministro Mario Rossi.", "detto", {"Mario Rossi": "not postverbal"}),
    "a surname opening with a preposition is no prepositional phrase": (
        "Ieri D'Amico aveva avvertito che il piano è sbagliato.", "avvertito", {"D'Amico": "subject"}),
    "a name set off after a speaking title takes its role after the verb": (
        "«Il piano fallirà», aggiunge il presidente dell'associazione, Carlo Rota, durante la conferenza.", "aggiunge",
        {"Carlo Rota": "postverbal", "il presidente dell'associazione": "apposition"}),
    "a long marker ending in the phrase it governs names that phrase's source": (
        "Secondo la ricostruzione della polizia locale l'autista si sarebbe distratto.",
        "secondo", {"la ricostruzione della polizia locale": "marker"}),
    "a name set off after a marker's title takes its role": (
        "Secondo il portavoce del comitato, Carlo Rota, il piano fallirà.", "secondo", {"Carlo Rota": "marker"}),
    "a name set off after a subject title takes its role": (
        "Il direttore della radio, Carlo Rota, ha ricordato: «Era un amico».", "ricordato", {"Carlo Rota": "subject"}),
    "a subject after a marker of words is no apposition": (
        "Secondo alcune indiscrezioni, Alfa Telefonia, la società del gruppo Beta, avrebbe chiuso.", "secondo",
        {"alcune indiscrezioni": "marker"}),
    "the name a relative clause's description is apposed to is its antecedent too": (
        "Ne ha parlato anche Marco Rossi, il portavoce del comitato, che ha spiegato: «Siamo pronti».", "spiegato",
        {"Marco Rossi": "relative", "il portavoce del comitato": "relative"}),
    "a name after a pronoun's phrase set before the clause is its subject": (
        "Tra questi, Marco Rossi e Anna Neri hanno scritto un messaggio: «Ci mancherai».", "scritto",
        {"Marco Rossi": "subject"}),
    "a prepositional phrase set off by commas stands between a subject and its verb": (
        ("Anna Neri si è ritirata ieri dalla gara, il suo rivale Marco Rossi, attraverso un portavoce, ha detto che "
         "resterà in corsa."), "detto", {"Marco Rossi": "subject", "Anna Neri": "not subject"}),
    "complements set off by commas continue the phrase before them": (
        ("Marco Rossi, portavoce di Alfa, che riunisce molti gruppi Beta, di quartiere e di volontari, ha dichiarato che "
         "la raccolta continuerà."), "dichiarato", {"Marco Rossi": "subject", "Beta": "not subject"}),
    "antecedents coordinated with a repeated preposition give a relative clause to the first-named": (
        ("La proposta è stata sostenuta dal sindaco Marco Rossi e dal prefetto, che invitano i commercianti a "
         "«collaborare»."), "invitano", {"Marco Rossi": "relative", "prefetto": "conjunct"}),
    "subjects coordinated with their titles give the statement to the first-named": (
        ("Alla fine la ministra della Salute Anna Neri e il presidente della Regione Marco Rossi hanno dichiarato che il "
         "reparto resterà aperto."), "dichiarato", {"Anna Neri": "subject", "Marco Rossi": "conjunct"}),
    "titles coordinated without an article of their own are one person's": (
        "Il vicesindaco e segretario del partito Alfa Marco Rossi chiede ai cittadini di votare al referendum.",
        "chiede", {"Marco Rossi": "subject"}),
    "the person a country speaks with is its voice": (
        "La Francia, con la ministra della Cultura Anna Neri, annuncia: «Il museo riaprirà a maggio».", "annuncia",
        {"Anna Neri": "voice"}),
    "the person a union announces with is its voice": (
        "Il sindacato Alfa ha comunicato con Anna Neri che lo sciopero è confermato.", "comunicato",
        {"Anna Neri": "voice"}),
    "the person a town council speaks through is its voice": (
        "Il comune, attraverso il portavoce Anna Neri, ha spiegato che i lavori finiranno presto.", "spiegato",
        {"Anna Neri": "voice"}),
    "a counterpart after another verb is no voice": (
        "Il governo ha firmato con Marco Rossi un accordo e ha detto che la crisi è finita.", "detto",
        {"Marco Rossi": "not voice"}),
    "a clause after `ma` shares the subject next to the verb before it, not a name listed before that": (
        ("Davanti ai pubblici ministeri Marco Verdi, Luca Bianchi e Paola Neri, il sindaco Carlo Rota ha ammesso "
         "l'errore, ma si è difeso dicendo di non aver ricevuto denaro."), "dicendo",
        {"il sindaco": "subject", "Luca Bianchi": "not subject"}),
    "subjects coordinated past a relative clause give the statement to the first-named": (
        "Anna Neri, che guida il comitato, e Marco Bianchi hanno detto che la legge va rinviata.", "detto",
        {"Anna Neri": "subject", "Marco Bianchi": "conjunct"}),
    "after the words it reports, a verb that takes an object has its subject after it": (
        "«Il governo ci ha traditi», ha accusato il reverendo Mario Rossi.", "accusato", {"Mario Rossi": "postverbal"}),
    "a gerund after the quotation its verb introduced shares that verb's subject": (
        ("Dopo la richiesta del ministro Carlo Neri, Mario Rossi ha accolto la proposta: «Accetto il vostro aiuto», "
         "chiedendo di «agire presto»."), "chiedendo", {"Mario Rossi": "subject", "Carlo Neri": "not subject"}),
    "a gerund right after the subject of a verb reporting the quotation before it shares that subject": (
        ("Il sindaco Carlo Neri ha parlato a lungo. «Non ci arrendiamo» dichiara Mario Rossi definendo la decisione "
         "«un attentato alla città»."), "definendo", {"Mario Rossi": "subject", "Carlo Neri": "not subject"}),
    "a subject stands before a long aside in brackets": (
        ("Ieri sera si è svolto l'incontro. Mario Rossi (soprannominato il Toro per la sua forza) ha dichiarato che il "
         "governo sbaglia."), "dichiarato", {"Mario Rossi": "subject", "Toro": "parenthesis"}),
    "a marker inside quotation marks credits nobody": (
        "«Ho votato per Marco Rossi e lo rifarei», ha detto Anna Neri.", "per",
        {"Marco Rossi": "not marker"}),
    "the subject of a passive verb taking a person as object is who the words are about": (
        ("Mario Rossi ha parlato ai giornalisti. Il senatore Luca Bianchi è stato accusato di «non leggere mai i "
         "dossier»."), "accusato", {"Il senatore": "patient", "Luca Bianchi": "not apposition"}),
    "a labelled passive subject does not speak either": (
        "Nella relazione finale, Marco Verdi venne definito «un testimone affidabile» dagli ispettori.", "definito",
        {"Marco Verdi": "patient"}),
    "after the words it reports, the subject follows a phrase naming whom they were said to": (
        "«Serve più tempo per decidere» ha detto a Radio Uno il ministro della Salute Mario Rossi.",
        "detto", {"Mario Rossi": "postverbal", "Radio Uno": "prepositional"}),
    "the phrase after a participle built with essere is its subject, not its object": (
        ("Sulla vicenda si è pronunciato Mario Rossi in un'intervista radiofonica dicendosi deluso che il comitato "
         "abbia rinviato la riunione, aggiungendo però che «il dialogo resta aperto»."),
        "aggiungendo", {"Mario Rossi": "subject", "il comitato": "not subject"}),
    "a document speaks for the agent of its participle": (
        "Lo studio realizzato dall'Osservatorio Verde sostiene che i laghi alpini si stanno riscaldando.",
        "sostiene", {"Osservatorio Verde": "subject"}),
    "after secondo, a study's author is the source": (
        "Secondo la ricerca condotta dalla Fondazione Aurora, metà delle famiglie non arriva a fine mese.",
        "secondo", {"Fondazione Aurora": "marker"}),
    "after secondo quanto and a participle, its agent is the source whatever its noun": (
        "Secondo quanto annunciato dal notiziario serale, il ponte sul fiume verrà riaperto a maggio.",
        "secondo", {"notiziario serale": "marker"}),
    "a subject stands before a clause set off before its verb": (
        ("Il portavoce della società, rispondendo a chi chiedeva perché il treno fosse fermo, ha affermato che il "
         "servizio riprenderà presto."), "affermato", {"Il portavoce della società": "subject"}),
    "a relative pronoun stands before a clause set off before its verb": (
        ("La scelta non è stata condivisa da Marco Rossi, il quale, quando gli è stato chiesto, ha dichiarato che il "
         "suo voto era diverso."), "dichiarato", {"Marco Rossi": "relative"}),
    "a phrase after a prepositional phrase and a comma, with clitics before its verb, is the subject": (
        ("Dopo le critiche dell'opposizione al progetto di Luca Bianchi, il ministro Paolo Rossi lo ha sostenuto "
         "spiegando che «il progetto è solido»."), "spiegando", {"il ministro": "subject"}),
    "a phrase past a comma after a marker is no source of it": (
        ("Il regista ha parlato a lungo della serie, girata per l'appunto, in Francia: «Volevamo attori del posto»."),
        "per", {"Francia": "not marker"}),
    "a gerund after another shares the subject of the verb both depend on": (
        ("Nel suo discorso Marco Rossi dice di votare Luca Bianchi per coerenza, non lesinando critiche al direttore "
         "Paolo Verdi definendo il suo giornale «poco serio»."), "definendo",
        {"Marco Rossi": "subject", "Luca Bianchi": "not subject"}),
    "a gerund's subject is the phrase its apposition describes": (
        "Anna Neri, una ragazza molto timida, aveva telefonato alla nonna dicendole che sarebbe rimasta a Roma.",
        "dicendole", {"Anna Neri": "subject", "una ragazza": "not subject"}),
}


@pytest.mark.parametrize("text, cue_word, expected", CASES.values(), ids=CASES.keys())
def test_speaker_roles(text: str, cue_word: str, expected: dict[str, str]):
    found = roles(text, cue_word)
    for name, role in expected.items():
        if role.startswith("not "):
            assert found[name] != role[4:], name
        else:
            assert found[name] == role, name


def test_the_patient_of_a_passive_is_no_speaker_option():
    """`Luca Bianchi è stato accusato di …`: the accused never said the words, even with no one else named."""
    from quotetrack.extract import MentionFacts
    from quotetrack.extract.speakers import speaker_options

    doc = analyse(Article("t", "Il senatore Luca Bianchi è stato accusato di «non leggere mai i dossier»."))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and doc.lower[c.cue.word] == "accusato")
    assert [o.name for o in speaker_options(doc, candidate, [], MentionFacts(doc))] == []
