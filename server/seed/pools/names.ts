// Built-in name pools, so the generator needs no network and no faker download. Grouped by
// locale because a contact's language decides their name, phone country and messages.

export const LOCALES = ['en', 'es', 'pt', 'de', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const FIRST_NAMES: Record<Locale, readonly string[]> = {
	en: [
		'Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Ava', 'Elijah', 'Sophia', 'James',
		'Isabella', 'William', 'Mia', 'Benjamin', 'Charlotte', 'Lucas', 'Harper', 'Henry', 'Evelyn', 'Jack',
		'Grace', 'Samuel', 'Chloe', 'Daniel', 'Zoe', 'Ethan', 'Lily', 'Aiden', 'Hannah', 'Owen'
	],
	es: [
		'Lucía', 'Hugo', 'Sofía', 'Martín', 'Martina', 'Mateo', 'María', 'Leo', 'Julia', 'Pablo',
		'Paula', 'Daniel', 'Valeria', 'Alejandro', 'Emma', 'Manuel', 'Daniela', 'Álvaro', 'Carla', 'Diego',
		'Alba', 'Javier', 'Noa', 'Adrián', 'Sara', 'Carmen', 'Jorge', 'Elena', 'Sergio', 'Irene'
	],
	pt: [
		'Ana', 'João', 'Beatriz', 'Pedro', 'Mariana', 'Gabriel', 'Larissa', 'Lucas', 'Camila', 'Rafael',
		'Fernanda', 'Gustavo', 'Juliana', 'Tiago', 'Letícia', 'Bruno', 'Carolina', 'Felipe', 'Amanda', 'Rodrigo',
		'Bianca', 'Thiago', 'Isabela', 'Vinícius', 'Luana', 'Matheus', 'Rita', 'André', 'Inês', 'Diogo'
	],
	de: [
		'Mia', 'Ben', 'Emilia', 'Paul', 'Hannah', 'Jonas', 'Lena', 'Felix', 'Clara', 'Leon',
		'Marie', 'Lukas', 'Sophie', 'Maximilian', 'Lea', 'Elias', 'Anna', 'Noah', 'Johanna', 'Finn',
		'Laura', 'Tim', 'Katharina', 'Jan', 'Franziska', 'Moritz', 'Greta', 'Tobias', 'Ida', 'Niklas'
	],
	fr: [
		'Louise', 'Gabriel', 'Jade', 'Raphaël', 'Ambre', 'Arthur', 'Alice', 'Louis', 'Chloé', 'Jules',
		'Léa', 'Adam', 'Manon', 'Maël', 'Camille', 'Lucas', 'Inès', 'Hugo', 'Zoé', 'Théo',
		'Juliette', 'Nathan', 'Margaux', 'Éthan', 'Léna', 'Tom', 'Océane', 'Paul', 'Élise', 'Victor'
	]
};

export const LAST_NAMES: Record<Locale, readonly string[]> = {
	en: [
		'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Clark',
		'Lewis', 'Walker', 'Hall', 'Allen', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker',
		'Adams', 'Nelson', 'Hill', 'Campbell', "O'Brien"
	],
	es: [
		'García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín',
		'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez',
		'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos'
	],
	pt: [
		'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes',
		'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa',
		'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira'
	],
	de: [
		'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
		'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
		'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange'
	],
	fr: [
		'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
		'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
		'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau'
	]
};
